extension HTMLKit {
    /// The page's CSS: a calm document design (system fonts, a 60rem column,
    /// readable tables with right-aligned tabular numbers, callouts for
    /// findings, folded numbers), focus rings, the interactive map, and print
    /// rules (rows never cut, every map layer on a page of its own, controls
    /// hidden, folded numbers opened by the script).
    public static let stylesheet = #"""
:root{--fg:#1f2328;--muted:#505a66;--bg:#fff;--line:#d6dae0;--soft:#f4f6f9;--accent:#1f5f99;--callout:#4477aa;--hit:#ee6677;--focus:#1a5fb4;color-scheme:light}
*,*::before,*::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0;background:var(--bg);color:var(--fg);font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,"Noto Sans","Liberation Sans","DejaVu Sans",sans-serif;font-size:1.0625rem;line-height:1.6}
.sg-page{max-width:60rem;margin:0 auto;padding:2.5rem 1.25rem 3rem}
.sg-footer{padding-top:0;color:var(--muted);font-size:.875rem;border-top:1px solid var(--line)}
.sg-skip{position:absolute;left:-999rem;top:.5rem;background:#fff;padding:.4rem .7rem;border:2px solid var(--focus);z-index:20}
.sg-skip:focus{left:.5rem}
h1,h2,h3,h4{line-height:1.25;font-weight:650;color:#111;text-wrap:balance}
h1{font-size:2.1rem;margin:0 0 .4rem;letter-spacing:-.01em}
h2{font-size:1.5rem;margin:3rem 0 1rem;padding-top:1.25rem;border-top:1px solid var(--line)}
h3{font-size:1.2rem;margin:2rem 0 .6rem}
h4{font-size:1.05rem;margin:1.5rem 0 .5rem}
p,ul,ol,dl{margin:0 0 1rem}
p,li{max-width:44rem}
.sg-lede{font-size:1.2rem;color:#333c47;max-width:44rem}
small,.sg-note{font-size:.875rem;color:var(--muted)}
a{color:var(--accent);text-underline-offset:.15em}
a:hover{text-decoration-thickness:2px}
:focus-visible{outline:3px solid var(--focus);outline-offset:2px}
.sg-toc{background:var(--soft);border-radius:.5rem;padding:1rem 1.5rem;margin:1.5rem 0 2rem}
.sg-toc h2{font-size:1rem;margin:0 0 .4rem;padding:0;border:0;text-transform:uppercase;letter-spacing:.06em;color:var(--muted)}
.sg-toc ol{margin:0;padding-left:1.25rem}
.sg-toc ol ol{margin:.15rem 0 .3rem}
.sg-toc li{margin:.15rem 0}
.sg-finding{border-left:4px solid var(--callout);background:var(--soft);padding:.9rem 1.1rem;margin:1.25rem 0 1.5rem;border-radius:0 .5rem .5rem 0}
.sg-finding-text{font-size:1.125rem;margin:0;max-width:none}
details.sg-numbers{margin-top:.6rem}
details.sg-numbers>summary{cursor:pointer;color:var(--accent);font-size:.9375rem;width:max-content;max-width:100%}
details.sg-numbers>summary:hover{text-decoration:underline}
details.sg-numbers[open]>summary{margin-bottom:.6rem}
details.sg-numbers .sg-table-wrap{background:#fff;border-radius:.35rem;padding:.25rem .5rem}
.sg-table-wrap{overflow-x:auto;margin:0 0 1.25rem;max-width:100%}
table{border-collapse:collapse;font-size:.9375rem;margin:0}
caption{caption-side:top;text-align:left;font-weight:600;padding:0 0 .5rem;color:#111}
th,td{padding:.4rem .8rem;border-bottom:1px solid var(--line);text-align:left;vertical-align:baseline}
thead th{border-bottom:2px solid #8a939e;font-weight:600;vertical-align:bottom}
tbody th{font-weight:500}
tbody tr:nth-child(even){background:#f8f9fb}
tbody tr:hover{background:#eef3f8}
.sg-num{text-align:right;font-variant-numeric:tabular-nums lining-nums;white-space:nowrap}
th.sg-num{text-align:right}
th[title]{text-decoration:underline dotted #8a939e;text-underline-offset:.2em}
.sg-sort{all:unset;cursor:pointer;display:inline-flex;align-items:baseline;gap:.25rem}
.sg-sort:focus-visible{outline:3px solid var(--focus);outline-offset:2px}
.sg-sort::after{content:"\2195";color:#8a939e;font-size:.8em}
th[aria-sort=ascending] .sg-sort::after{content:"\25B2";color:var(--fg)}
th[aria-sort=descending] .sg-sort::after{content:"\25BC";color:var(--fg)}
figure{margin:1.5rem 0 2rem}
figcaption{font-size:.9rem;color:var(--muted);margin-top:.5rem;max-width:44rem}
svg{max-width:100%;height:auto}
svg.sg-chart{display:block}
.sg-map{position:relative;margin:1.5rem 0 2.5rem}
.sg-map-controls{display:flex;flex-wrap:wrap;align-items:flex-end;gap:.75rem 1.5rem;padding:.9rem 1rem;margin:0 0 1rem;background:var(--soft);border-radius:.5rem}
.no-js .sg-map-controls{display:none}
.sg-field{display:flex;flex-direction:column;gap:.25rem;font-size:.9375rem}
.sg-field label,.sg-field-label{font-weight:600}
.sg-field input,.sg-field select{font:inherit;padding:.35rem .55rem;border:1px solid #7d8793;border-radius:.35rem;background:#fff;color:var(--fg);min-width:13rem}
.sg-button-row{display:flex;flex-wrap:wrap;gap:.35rem}
.sg-layer-button{font:inherit;font-size:.9375rem;padding:.35rem .8rem;border:1px solid #7d8793;border-radius:.35rem;background:#fff;color:var(--fg);cursor:pointer}
.sg-layer-button:hover{background:#eef3f8}
.sg-layer-button[aria-pressed=true]{background:var(--accent);border-color:var(--accent);color:#fff}
.sg-message{flex-basis:100%;margin:0;min-height:1.5em;font-size:.9375rem;color:#333c47}
.sg-message:empty{display:none}
.sg-layer{margin:0 0 2rem}
.js .sg-layer:not(.sg-active){display:none}
.sg-layer-title{margin-top:0}
.sg-layer-svg{border:1px solid var(--line);border-radius:.5rem;background:#fff;overflow:auto;max-height:90vh;text-align:center;padding:.25rem}
.sg-layer-svg svg{display:inline-block;vertical-align:top;max-width:100%;max-height:calc(90vh - 1rem);width:auto;height:auto}
.sg-layer-caption{font-size:.9rem;color:var(--muted);margin-top:.5rem}
.sg-node{cursor:pointer}
.sg-node:focus{outline:none}
.sg-node:focus-visible :is(ellipse,polygon,path){stroke:var(--focus);stroke-width:4px}
.sg-node:hover :is(ellipse,polygon){stroke:#000;stroke-width:2px}
@media screen{
.sg-filtering .sg-node:not(.sg-hit):not(.sg-team){opacity:.2}
.sg-filtering .sg-edge{opacity:.15}
.sg-node.sg-team :is(ellipse,polygon){stroke:#000;stroke-width:2.5px}
.sg-node.sg-hit :is(ellipse,polygon){stroke:var(--hit);stroke-width:5px}
.sg-node.sg-hit text{font-weight:700;fill:#000}
.sg-edge.sg-tie{opacity:1}
.sg-edge.sg-tie path{stroke:#222;stroke-width:2px}
.sg-edge.sg-tie polygon{fill:#222;stroke:#222}
}
.sg-tooltip{position:absolute;z-index:10;max-width:19rem;min-width:11rem;padding:.55rem .75rem;background:#fff;color:var(--fg);border:1px solid #8a939e;border-radius:.45rem;box-shadow:0 4px 14px rgba(0,0,0,.18);font-size:.875rem;line-height:1.4;pointer-events:none}
.sg-tooltip[hidden]{display:none}
.sg-tooltip strong{display:block;font-size:.9375rem}
.sg-tooltip .sg-tip-about{color:var(--muted)}
.sg-tooltip dl{display:grid;grid-template-columns:1fr auto;gap:.1rem .9rem;margin:.4rem 0 0}
.sg-tooltip dt{margin:0}
.sg-tooltip dd{margin:0;text-align:right;font-variant-numeric:tabular-nums;font-weight:600}
@media (max-width:40rem){body{font-size:1rem}.sg-page{padding:1.5rem 1rem 2rem}h1{font-size:1.7rem}.sg-field input,.sg-field select{min-width:0;width:100%}.sg-field{flex:1 1 100%}}
@media print{
@page{margin:1.6cm}
body{font-size:10.5pt;color:#000;background:#fff}
.sg-page{max-width:none;padding:0}
.sg-skip,.sg-map-controls,.sg-tooltip,.sg-sort::after{display:none!important}
.sg-sort{all:unset}
a{color:#000;text-decoration:none}
h2,h3,h4{break-after:avoid-page}
tr,th,td,.sg-finding,figure,svg{break-inside:avoid}
thead{display:table-header-group}
tbody tr:nth-child(even){background:none}
.sg-finding{background:none;border-left-color:#000}
.sg-layer,.js .sg-layer:not(.sg-active){display:block!important;break-before:page;break-inside:avoid}
.sg-layer-svg{border:0;max-height:none;overflow:visible}
.sg-layer-svg svg{max-height:23cm;width:auto;max-width:100%}
details.sg-numbers>summary{color:#000}
}
"""#
}

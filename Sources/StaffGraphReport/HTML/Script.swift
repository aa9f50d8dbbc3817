extension HTMLKit {
    /// The page's JavaScript (small, dependency-free, no `eval`, no network):
    /// sortable tables (`table.sg-sortable`), folded numbers opened for
    /// printing, and every ``InteractiveMap`` on the page (tooltips on hover,
    /// tap and focus; search; team filter; layer switcher). Without it the
    /// page is complete but static. Allowed by the page's CSP through its SHA-256 hash.
    public static let script = #"""
(function(){
"use strict";
var doc=document;
function each(list,f){Array.prototype.forEach.call(list,f);}
function fold(s){return String(s).normalize("NFD").replace(/[\u0300-\u036f]/g,"").toLowerCase();}
function fill(t,v){return String(t).replace(/\{(\w+)\}/g,function(m,k){return Object.prototype.hasOwnProperty.call(v,k)?String(v[k]):m;});}
var collator=new Intl.Collator(doc.documentElement.lang||undefined,{numeric:true,sensitivity:"base"});

/* Sortable tables: numeric columns by data-sort (missing last), text by collation; a second click reverses. */
function cellValue(cell,numeric){
  if(!cell)return null;
  if(numeric){var v=cell.getAttribute("data-sort");if(v===null||v==="")return null;var x=Number(v);return isNaN(x)?null:x;}
  return cell.textContent.trim();
}
function sortTable(table,headers,col){
  var th=headers[col],numeric=th.classList.contains("sg-num"),was=th.getAttribute("aria-sort");
  var dir=was?(was==="ascending"?"descending":"ascending"):(numeric?"descending":"ascending");
  each(headers,function(h){h.removeAttribute("aria-sort");});
  th.setAttribute("aria-sort",dir);
  var body=table.tBodies[0];
  var rows=Array.prototype.map.call(body.rows,function(r,i){return {row:r,i:i,v:cellValue(r.cells[col],numeric)};});
  rows.sort(function(a,b){
    if(a.v===null||b.v===null){return a.v===b.v?a.i-b.i:(a.v===null?1:-1);}
    var c=numeric?a.v-b.v:collator.compare(a.v,b.v);
    if(dir==="descending")c=-c;
    return c||a.i-b.i;
  });
  each(rows,function(r){body.appendChild(r.row);});
}
each(doc.querySelectorAll("table.sg-sortable"),function(table){
  if(!table.tHead||!table.tBodies.length)return;
  var headers=table.tHead.rows[table.tHead.rows.length-1].cells;
  each(headers,function(th,col){
    var b=doc.createElement("button");b.type="button";b.className="sg-sort";
    while(th.firstChild)b.appendChild(th.firstChild);
    th.appendChild(b);
    b.addEventListener("click",function(){sortTable(table,headers,col);});
  });
});

/* Printing: open every folded "numbers behind this sentence", close them again afterwards. */
var opened=[];
window.addEventListener("beforeprint",function(){each(doc.querySelectorAll("details:not([open])"),function(d){d.open=true;opened.push(d);});});
window.addEventListener("afterprint",function(){each(opened,function(d){d.open=false;});opened=[];});

/* Interactive maps. */
function initMap(map){
  var dataNode=map.querySelector("script.sg-map-data");if(!dataNode)return;
  var data;try{data=JSON.parse(dataNode.textContent);}catch(e){return;}
  var people={};each(data.people,function(p){people[p.key]=p;});
  var layers=map.querySelectorAll(".sg-layer"),buttons=map.querySelectorAll(".sg-layer-button"),nodes=map.querySelectorAll(".sg-node[data-person]");
  var tip=map.querySelector(".sg-tooltip"),search=map.querySelector(".sg-search"),team=map.querySelector(".sg-team-select"),message=map.querySelector(".sg-message");
  var active=0,current=null;
  function layerOf(node){var l=node.closest(".sg-layer");return l?Number(l.getAttribute("data-layer")):0;}
  function add(parent,tag,text,cls){var e=doc.createElement(tag);e.textContent=text;if(cls)e.className=cls;parent.appendChild(e);return e;}
  function hide(){
    if(tip)tip.hidden=true;
    if(current)current.removeAttribute("aria-describedby");
    each(map.querySelectorAll(".sg-tie"),function(e){e.classList.remove("sg-tie");});
    current=null;
  }
  function show(node){
    var key=node.getAttribute("data-person"),p=people[key];
    if(!p||!tip)return;
    hide();current=node;
    while(tip.firstChild)tip.removeChild(tip.firstChild);
    add(tip,"strong",p.name);
    var about=[p.role,p.team].filter(Boolean).join(" \u00b7 ");
    if(about)add(tip,"span",about,"sg-tip-about");
    var layer=data.layers[layerOf(node)]||{},figs=(p.figures||[]).concat((layer.figures||{})[key]||[]);
    if(figs.length){var dl=add(tip,"dl","");each(figs,function(f){add(dl,"dt",f[0]);add(dl,"dd",f[1]);});}
    tip.hidden=false;
    if(tip.id)node.setAttribute("aria-describedby",tip.id);
    var svg=node.ownerSVGElement;
    if(svg)each(svg.querySelectorAll('.sg-edge[data-from="'+key+'"],.sg-edge[data-to="'+key+'"]'),function(e){e.classList.add("sg-tie");});
    var r=node.getBoundingClientRect(),m=map.getBoundingClientRect();
    var left=Math.max(0,Math.min(r.left-m.left+r.width/2-tip.offsetWidth/2,map.clientWidth-tip.offsetWidth));
    var top=r.bottom-m.top+8;
    if(r.bottom+8+tip.offsetHeight>window.innerHeight&&r.top-tip.offsetHeight-8>0)top=r.top-m.top-tip.offsetHeight-8;
    tip.style.left=left+"px";tip.style.top=top+"px";
  }
  each(nodes,function(node){
    node.addEventListener("mouseenter",function(){show(node);});
    node.addEventListener("mouseleave",function(){if(doc.activeElement!==node&&current===node)hide();});
    node.addEventListener("focus",function(){show(node);});
    node.addEventListener("blur",function(){if(current===node)hide();});
    node.addEventListener("click",function(ev){ev.stopPropagation();show(node);});
  });
  doc.addEventListener("click",function(){if(current)hide();});
  doc.addEventListener("keydown",function(ev){if(ev.key==="Escape"&&current)hide();});
  function names(list){return list.length>6?list.slice(0,6).join(", ")+", \u2026":list.join(", ");}
  function update(scroll){
    var raw=search?search.value.trim():"",q=fold(raw),t=team?team.value:"";
    var hits={},matched=[],shown=[],count=0,first=null;
    if(q)each(data.people,function(p){if(fold(p.name).indexOf(q)!==-1){hits[p.key]=true;matched.push(p.name);}});
    each(nodes,function(node){
      var key=node.getAttribute("data-person"),p=people[key],hit=!!hits[key],inTeam=!!(t&&p&&p.team===t);
      node.classList.toggle("sg-hit",hit);
      node.classList.toggle("sg-team",inTeam);
      if(layerOf(node)===active){
        if(hit){shown.push(p.name);if(!first)first=node;}
        if(inTeam)count++;
      }
    });
    map.classList.toggle("sg-filtering",matched.length>0||t!=="");
    var text="";
    if(q){
      if(!matched.length)text=fill(data.text.noMatch,{query:raw});
      else if(!shown.length)text=fill(data.text.notOnThisLayer,{names:names(matched),count:matched.length});
      else text=fill(data.text.found,{names:names(shown),count:shown.length});
    }
    if(t)text=(text?text+" ":"")+fill(data.text.teamShown,{team:t,count:count});
    if(message)message.textContent=text;
    if(scroll&&first)first.scrollIntoView({block:"center",inline:"center"});
  }
  function activate(i){
    active=i;hide();
    each(layers,function(l){l.classList.toggle("sg-active",Number(l.getAttribute("data-layer"))===i);});
    each(buttons,function(b){b.setAttribute("aria-pressed",Number(b.getAttribute("data-layer"))===i?"true":"false");});
    update(false);
  }
  each(buttons,function(b){b.addEventListener("click",function(){activate(Number(b.getAttribute("data-layer")));});});
  if(search){
    search.addEventListener("input",function(){update(true);});
    search.addEventListener("keydown",function(ev){
      if(ev.key!=="Enter")return;
      var f=map.querySelector(".sg-layer.sg-active .sg-node.sg-hit");
      if(f){ev.preventDefault();f.focus();}
    });
  }
  if(team)team.addEventListener("change",function(){update(false);});
  update(false);
}
each(doc.querySelectorAll(".sg-map"),initMap);
})();
"""#
}

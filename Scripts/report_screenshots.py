#!/usr/bin/env python3
"""Regenerate the report screenshots in Samples/report/ (shown in the README).

Writes three reports with the given staffgraph binary (the sample school as
`make demo` does, Lazega's law firm by office and status, and ten schools of
the generated district with --per school), opens each in headless Chromium
with Scripts/browser_check.py (which also checks it: no console error, no
network request), and crops each section of the full-page screenshot into
a palette PNG of at most 1,300 pixels' height.

Usage: python3 Scripts/report_screenshots.py .build/release/staffgraph
Needs Pillow (pip install pillow) and chromium.
"""
import json
import os
import subprocess
import sys
import tempfile

from PIL import Image

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "Samples", "report")
MAX_HEIGHT = 1300


def run(args):
    subprocess.run(args, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)


def shoot(html, png, search=None):
    args = [sys.executable, os.path.join(ROOT, "Scripts", "browser_check.py"), html, "--screenshot", png, "--timeout", "180"]
    if search:
        args += ["--search", search]
    done = subprocess.run(args, cwd=ROOT, capture_output=True, text=True)
    result = json.loads(done.stdout)
    if not result.get("ok"):
        sys.exit("browser check failed on %s: %s" % (html, result.get("failures")))
    return {s["id"]: s for s in result["page"]["sections"]}


def crop(png, top, height, name):
    image = Image.open(png)
    box = (0, max(0, top), image.width, min(image.height, top + min(height, MAX_HEIGHT)))
    part = image.crop(box).convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    part.save(os.path.join(OUT, name), optimize=True)
    print("wrote Samples/report/%s (%d x %d)" % (name, part.width, part.height))


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    binary = os.path.abspath(sys.argv[1])
    work = tempfile.mkdtemp(prefix="staffgraph-shots-")
    # The sample school, as make demo writes it.
    school = os.path.join(work, "school.html")
    run([binary, "report", "Samples/school/edges.csv", "--nodes", "Samples/school/roster.csv", "--title", "Sample school",
         "--formal", "role=principal,assistant principal,instructional coach,department chair",
         "--question", "Whom do you go to for advice about teaching, and how often?", "-o", school])
    png = os.path.join(work, "school.png")
    sections = shoot(school, png)
    crop(png, 0, MAX_HEIGHT, "school-top.png")
    for section, name in [("map", "school-map.png"), ("spread", "school-spread.png"), ("teams", "school-teams.png"),
                          ("interdependence", "school-interdependence.png"), ("resilience", "school-resilience.png"),
                          ("chance", "school-chance.png"), ("change", "school-change.png"), ("method", "school-method.png")]:
        s = sections[section]
        crop(png, s["top"] - 16, s["height"] + 32, name)
    # Lazega's law firm: advice, by office and status, with the published codes.
    lazega = os.path.join(work, "lazega.html")
    run([binary, "report", "Samples/data/lazega/edges_advice.csv", "--nodes", "Samples/data/lazega/nodes.csv",
         "--codebook", "Samples/data/lazega/codebook.csv", "--relation", "advice", "--by", "office", "--levels", "status",
         "--formal", "status=partner", "--title", "Lazega's law firm", "-o", lazega])
    png = os.path.join(work, "lazega.png")
    sections = shoot(lazega, png)
    for section, name in [("map", "lazega-map.png"), ("teams", "lazega-teams.png")]:
        s = sections[section]
        crop(png, s["top"] - 16, s["height"] + 32, name)
    # Ten schools of the generated district, one report each and the index.
    district = os.path.join(work, "district")
    run([sys.executable, "Scripts/generate_network.py", "--scale", "district", "--out", district])
    schools = ",".join("S%05d" % k for k in range(1, 11))
    reports = os.path.join(work, "reports")
    run([binary, "report", os.path.join(district, "edges.csv"), "--nodes", os.path.join(district, "roster.csv"),
         "--where", "school=" + schools, "--per", "school", "--permutations", "200", "--random-sets", "100",
         "-o", reports])
    png = os.path.join(work, "district.png")
    shoot(os.path.join(reports, "index.html"), png)
    image = Image.open(png)
    crop(png, 0, image.height, "district-index.png")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Writes Samples/school/memberships.csv: who sits on which team or committee
in the sample school, after the structures of the LBUSD brief.

Usage (from anywhere):

    python3 Scripts/make_sample_memberships.py

Deterministic (no randomness): the memberships are listed below by hand for
the 62 people of Samples/school/roster.csv. Columns: person,group,role_in_group.

- District Office: the four district staff; p55 is the district point person.
- Extended Implementation Team: district leaders with the school's leaders
  (principal, an assistant principal, both coaches, two department chairs).
- Executive Team: the point person, a second district lead and the principal.
- School Leadership Team: principal, assistant principals, coaches,
  department chairs and a counselor.
- SLC Coordinators: three pathway coordinators, the assistant principal for
  small learning communities and a district liaison.
- Four Pathway Leadership Teams, teachers from several departments each,
  each with a coordinator. The Arts, Media & Entertainment pathway shares no
  one with any other team (its coordinator is not among the SLC
  coordinators): the "autonomy" end of the brief's "autonomy and central vision".
- Implementation Council: the four community partners, two district staff,
  the principal, a counselor and a pathway coordinator.
- Student Support Team: counselors, special-education teachers and a community partner.

Most teachers sit on no team: they are rows of the roster with no membership.
"""

import csv
import os

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "Samples", "school", "memberships.csv")

# group -> [(person, role_in_group)], the first listed is the lead/chair/coordinator.
GROUPS = [
    ("District Office", [("p55", "point person"), ("p56", "member"), ("p57", "member"), ("p58", "member")]),
    ("Extended Implementation Team", [("p55", "chair"), ("p56", "member"), ("p01", "member"), ("p02", "member"),
                                      ("p04", "member"), ("p05", "member"), ("p06", "member"), ("p07", "member")]),
    ("Executive Team", [("p55", "chair"), ("p56", "member"), ("p01", "member")]),
    ("School Leadership Team", [("p01", "chair"), ("p02", "member"), ("p03", "member"), ("p04", "member"),
                                ("p05", "member"), ("p06", "member"), ("p07", "member"), ("p08", "member"),
                                ("p09", "member"), ("p10", "member")]),
    ("SLC Coordinators", [("p03", "chair"), ("p31", "member"), ("p24", "member"), ("p39", "member"), ("p57", "liaison")]),
    ("Pathway: Health Sciences", [("p31", "coordinator"), ("p13", "member"), ("p23", "member"), ("p34", "member"),
                                  ("p50", "member"), ("p10", "member")]),
    ("Pathway: Engineering & Design", [("p24", "coordinator"), ("p30", "member"), ("p35", "member"), ("p45", "member"),
                                       ("p47", "member"), ("p51", "member")]),
    ("Pathway: Public Service & Law", [("p39", "coordinator"), ("p14", "member"), ("p40", "member"), ("p42", "member"),
                                       ("p52", "member"), ("p11", "member")]),
    ("Pathway: Arts, Media & Entertainment", [("p46", "coordinator"), ("p16", "member"), ("p19", "member"),
                                              ("p48", "member"), ("p49", "member")]),
    ("Implementation Council", [("p59", "chair"), ("p60", "member"), ("p61", "member"), ("p62", "member"),
                                ("p57", "member"), ("p58", "member"), ("p01", "member"), ("p10", "member"), ("p31", "member")]),
    ("Student Support Team", [("p10", "chair"), ("p11", "member"), ("p50", "member"), ("p53", "member"),
                              ("p54", "member"), ("p61", "member")]),
]


def main():
    with open(OUT, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["person", "group", "role_in_group"])
        for group, members in GROUPS:
            for person, role in members:
                w.writerow([person, group, role])
    print("wrote", os.path.relpath(OUT, ROOT))


if __name__ == "__main__":
    main()

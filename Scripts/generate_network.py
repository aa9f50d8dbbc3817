#!/usr/bin/env python3
"""Generates a synthetic staff "who-consults-whom" network at school,
district, state or national scale, deterministically (same seed, same bytes).

    python3 Scripts/generate_network.py --scale district --out out/district
    python3 Scripts/generate_network.py --scale state --out out/state --seed 7

Writes OUT/edges.csv (source,target,weight: "source goes to target for
advice", weight 1-4 = how often) and OUT/roster.csv (id,district,school,team,
role). Standard library only.

| scale    | people    | ties       | schools (about 80 staff) |
|----------|-----------|------------|--------------------------|
| school   | 80        | 640        | 1                        |
| district | 5,000     | 60,000     | about 62                 |
| state    | 200,000   | 3,000,000  | about 2,500              |
| national | 2,000,000 | 30,000,000 | about 25,000             |

Structure:
- districts of about 5,000 staff, cut into schools of 40-120 staff, cut into
  teams of about 8 (departments, grade levels) plus a leadership team;
- roles: one principal per school, assistant principals and instructional
  coaches in the leadership team, a department chair per team, teachers and
  support staff;
- each person names a fixed number of colleagues (the mean is ties / people,
  spread +-50% in pairs so the total is exact), all distinct, never
  themselves: 55% in their team, 30% elsewhere in their school, 12% in
  another school of their district, 3% anywhere;
- heavy-tailed in-degree: whom people name is drawn in proportion to an
  attractiveness that is Pareto distributed (shape 1.5) and larger for formal
  leaders, so a few people in each school, and a few in the district, are
  sought by many.

Rows are streamed to disk one person at a time: the national file (30,000,000
ties, about 600 MB) never holds more than one person's ties in memory; what
stays in memory is a few compact arrays over the people (array module).
"""
import argparse
import array
import bisect
import os
import random
import sys

SCALES = {
    "school": (80, 640),
    "district": (5_000, 60_000),
    "state": (200_000, 3_000_000),
    "national": (2_000_000, 30_000_000),
}
DISTRICT_SIZE = 5_000
SCHOOL_SIZES = (40, 120)
TEAM_SIZE = 8
TEAMS = ["Math", "English", "Science", "Social Studies", "World Languages", "Arts",
         "Physical Education", "Special Education", "Early Grades", "Upper Grades",
         "Counseling", "Library and Media", "Career and Technical", "Electives"]
ROLE_WEIGHT = {"principal": 8.0, "assistant principal": 4.0, "instructional coach": 6.0,
               "department chair": 3.0, "teacher": 1.0, "support staff": 0.6}
WITHIN_TEAM, WITHIN_SCHOOL, WITHIN_DISTRICT = 0.55, 0.85, 0.97  # cumulative shares


def split(total, rng, low, high):
    """Sizes in [low, high] (the last one may be smaller) summing to total."""
    sizes = []
    while total > 0:
        s = rng.randint(low, high)
        if total - s < low:
            s = total if total <= high else total - low
        sizes.append(s)
        total -= s
    return sizes


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", choices=SCALES, required=True)
    parser.add_argument("--out", required=True, help="folder for edges.csv and roster.csv")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    n, m = SCALES[args.scale]
    rng = random.Random(args.seed)
    os.makedirs(args.out, exist_ok=True)
    width = len(str(n - 1))
    ident = [f"p{i:0{width}d}" for i in range(n)] if n <= 200_000 else None

    def pid(i):
        return ident[i] if ident is not None else f"p{i:0{width}d}"

    # People are numbered district by district, school by school, team by team.
    # For each person: the [start, end) of their team, school and district.
    team_start = array.array("l", bytes(8 * n))
    team_end = array.array("l", bytes(8 * n))
    school_of = array.array("l", bytes(8 * n))
    school_bounds = array.array("l", [0])
    district_of_school = array.array("l")
    district_bounds = array.array("l", [0])
    attract = array.array("d", bytes(8 * n))
    with open(os.path.join(args.out, "roster.csv"), "w", newline="") as roster:
        roster.write("id,district,school,team,role\n")
        person = 0
        district_sizes = split(n, rng, min(n, DISTRICT_SIZE), min(n, DISTRICT_SIZE)) if n > DISTRICT_SIZE else [n]
        for d, dsize in enumerate(district_sizes):
            low, high = SCHOOL_SIZES
            school_sizes = [dsize] if dsize <= high else split(dsize, rng, low, high)
            for ssize in school_sizes:
                school = len(school_bounds) - 1
                school_name = f"S{school + 1:05d}" if n > 80 else "S00001"
                district_of_school.append(d)
                leaders = 1 + max(1, ssize // 40) + max(1, ssize // 40)
                rest = split(ssize - leaders, rng, TEAM_SIZE - 2, TEAM_SIZE + 2) if ssize > leaders else []
                teams = [("Leadership", leaders)] + [(TEAMS[k % len(TEAMS)] + ("" if k < len(TEAMS) else f" {k // len(TEAMS) + 1}"), size)
                                                     for k, size in enumerate(rest)]
                lines = []
                for team_name, tsize in teams:
                    start = person
                    for k in range(tsize):
                        if team_name == "Leadership":
                            role = "principal" if k == 0 else ("assistant principal" if k <= (leaders - 1) // 2 else "instructional coach")
                        else:
                            role = "department chair" if k == 0 else ("support staff" if rng.random() < 0.15 else "teacher")
                        # Pareto(1.5) attractiveness, capped so no one exceeds the district.
                        a = min((1.0 - rng.random()) ** (-1 / 1.5), 200.0) * ROLE_WEIGHT[role]
                        attract[person] = a
                        team_start[person] = start
                        team_end[person] = start + tsize
                        school_of[person] = school
                        lines.append(f"{pid(person)},D{d + 1:03d},{school_name},{team_name},{role}\n")
                        person += 1
                school_bounds.append(person)
                roster.write("".join(lines))
            district_bounds.append(person)
    assert person == n, (person, n)

    # Cumulative attractiveness over everyone: a range's draw is a bisect in it.
    cumulative = array.array("d", bytes(8 * (n + 1)))
    total = 0.0
    for i in range(n):
        total += attract[i]
        cumulative[i + 1] = total
    del attract

    def draw(lo, hi):
        """A person in [lo, hi) drawn in proportion to attractiveness."""
        x = cumulative[lo] + rng.random() * (cumulative[hi] - cumulative[lo])
        i = bisect.bisect_right(cumulative, x, lo, hi + 1) - 1
        return min(max(i, lo), hi - 1)

    # Out-degrees: the mean, spread in pairs (+x, -x) so the total is exactly m.
    base, extra = divmod(m, n)
    with open(os.path.join(args.out, "edges.csv"), "w", newline="") as edges:
        edges.write("source,target,weight\n")
        written = 0
        spread = 0
        for s in range(n):
            k = base + (1 if s < extra else 0)
            if s % 2 == 0:
                spread = rng.randint(0, base // 2) if s + 1 < n else 0
                k += spread
            else:
                k -= spread
            school = school_of[s]
            s_lo, s_hi = school_bounds[school], school_bounds[school + 1]
            district = district_of_school[school]
            d_lo, d_hi = district_bounds[district], district_bounds[district + 1]
            t_lo, t_hi = team_start[s], team_end[s]
            k = min(k, n - 1)
            chosen = set()
            attempts = 0
            while len(chosen) < k:
                attempts += 1
                r = rng.random()
                if attempts > 20 * k + 100:
                    t = rng.randrange(n)  # crowded neighbourhood: anyone
                elif r < WITHIN_TEAM and t_hi - t_lo > 1:
                    t = draw(t_lo, t_hi)
                elif r < WITHIN_SCHOOL and s_hi - s_lo > 1:
                    t = draw(s_lo, s_hi)
                elif r < WITHIN_DISTRICT and d_hi - d_lo > 1:
                    t = draw(d_lo, d_hi)
                else:
                    t = draw(0, n)
                if t != s:
                    chosen.add(t)
            src = pid(s)
            # Sorted targets: the file is the same whatever the set's order.
            edges.write("".join(f"{src},{pid(t)},{1 + int(rng.random() * 4)}\n" for t in sorted(chosen)))
            written += k
    assert written == m, (written, m)
    print(f"{args.scale}: {n} people, {m} ties, {len(school_bounds) - 1} schools, "
          f"{len(district_bounds) - 1} districts -> {args.out}/edges.csv, {args.out}/roster.csv", file=sys.stderr)


if __name__ == "__main__":
    main()

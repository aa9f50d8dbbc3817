#!/usr/bin/env python3
"""Write the synthetic sample school used by StaffGraph's demos and docs.

Usage (from the repository root):

    python3 Scripts/make_sample_school.py [--out DIR]

Writes DIR/roster.csv and DIR/edges.csv (default DIR: Samples/school).
The output is byte-identical on every run: the only randomness comes from
one random.Random with a fixed seed, only rng.random() is called (its
sequence is stable across Python versions), and every loop runs over lists
in a fixed order.

The school is fictional. Its structure and the stories planted in it are
described in Samples/README.md.
"""

import argparse
import csv
import os
import random
import sys

SEED = 20240917

WAVES = ["fall", "winter", "spring"]
RELATIONS = ["advice", "collaboration"]

# ---------------------------------------------------------------------------
# Roster. (id, name, role, team). Ids are assigned in this order.
# ---------------------------------------------------------------------------

PEOPLE = [
    # Leadership
    ("Margaret Okonkwo", "principal", "Leadership"),
    ("Daniel Reyes", "assistant principal", "Leadership"),
    ("Priya Raman", "assistant principal", "Leadership"),
    # Instructional coaches: literacy (p04), math (p05)
    ("Hannah Goldberg", "instructional coach", "English"),
    ("Kenji Watanabe", "instructional coach", "Math"),
    # Department chairs
    ("Laura Bianchi", "department chair", "English"),
    ("Samuel Adeyemi", "department chair", "Math"),
    ("Ingrid Halvorsen", "department chair", "Science"),
    ("Robert Ellison", "department chair", "Social Studies"),
    # Counselors
    ("Fatima Haddad", "counselor", "Student Support"),
    ("Marcus Bell", "counselor", "Student Support"),
    # English teachers
    ("Emily Carter", "teacher", "English"),
    ("José Núñez", "teacher", "English"),
    ("Aisha Bello", "teacher", "English"),
    ("Thomas Byrne", "teacher", "English"),
    ("Grace Kim", "teacher", "English"),
    ("Amara Okafor-Reyes", "teacher", "English"),
    ("Liam O'Sullivan", "teacher", "English"),
    ("Nadia Petrova", "teacher", "English"),
    ("Oscar Lindqvist", "teacher", "English"),
    # Math teachers (p29 is the new hire)
    ("Zoë Martin", "teacher", "Math"),
    ("Rahul Mehta", "teacher", "Math"),
    ("Chloe Dubois", "teacher", "Math"),
    ("Ahmed Karimi", "teacher", "Math"),
    ("Jessica Turner", "teacher", "Math"),
    ("Tomás Herrera", "teacher", "Math"),
    ("Yuki Tanaka", "teacher", "Math"),
    ("Brian Walsh", "teacher", "Math"),
    ("Olivia Nwosu", "teacher", "Math"),
    # Science teachers (p33 is the teacher-leader who leaves before spring)
    ("Michael Osei", "teacher", "Science"),
    ("Sofia Rossi", "teacher", "Science"),
    ("David Levi", "teacher", "Science"),
    ("Rebecca Stone", "teacher", "Science"),
    ("Chinedu Eze", "teacher", "Science"),
    ("Anna Kowalski", "teacher", "Science"),
    ("Ethan Brooks", "teacher", "Science"),
    ("Leila Amini", "teacher", "Science"),
    # Social Studies teachers
    ("Carmen Ortiz", "teacher", "Social Studies"),
    ("James Whitaker", "teacher", "Social Studies"),
    ("Hiroshi Sato", "teacher", "Social Studies"),
    ("Naomi Friedman", "teacher", "Social Studies"),
    ("Kwame Mensah", "teacher", "Social Studies"),
    ("Claire Fontaine", "teacher", "Social Studies"),
    ("Pedro Alves", "teacher", "Social Studies"),
    # Arts teachers
    ("Björn Eriksson", "teacher", "Arts"),
    ("Maya Patel", "teacher", "Arts"),
    ("Lucas Moreau", "teacher", "Arts"),
    ("Imani Johnson", "teacher", "Arts"),
    ("Sinéad Murphy", "teacher", "Arts"),
    # Special Education teachers
    ("Ruth Abernathy", "teacher", "Special Education"),
    ("Diego Castillo", "teacher", "Special Education"),
    ("Hana Yilmaz", "teacher", "Special Education"),
    ("Peter Novak", "teacher", "Special Education"),
    ("Jasmine Wright", "teacher", "Special Education"),
    # District staff
    ("Gloria Chávez", "district staff", "District Office"),
    ("Andrew MacLeod", "district staff", "District Office"),
    ("Farah Siddiqui", "district staff", "District Office"),
    ("Victor Lam", "district staff", "District Office"),
    # Community partners
    ("Nia Thompson", "community partner", "Community"),
    ("François Girard", "community partner", "Community"),
    ("Esperanza Ruiz", "community partner", "Community"),
    ("Tariq Hussain", "community partner", "Community"),
]

IDS = ["p%02d" % (k + 1) for k in range(len(PEOPLE))]
NAME = {pid: p[0] for pid, p in zip(IDS, PEOPLE)}
ROLE = {pid: p[1] for pid, p in zip(IDS, PEOPLE)}
TEAM = {pid: p[2] for pid, p in zip(IDS, PEOPLE)}


def level_of(pid):
    if ROLE[pid] == "district staff":
        return "district"
    if ROLE[pid] == "community partner":
        return "community"
    return "school"


# --- The stories (documented in Samples/README.md) -------------------------
LITERACY_COACH = "p04"
MATH_COACH = "p05"
MATH_CHAIR = "p07"
RARELY_SOUGHT_CHAIR = "p09"      # Social Studies chair, rarely asked
NEW_HIRE = "p29"                 # Math teacher, joins in winter
MENTOR = "p25"                   # new hire's collaboration partner
LEAVER = "p33"                   # Science teacher-leader, gone by spring
# Informal leaders: teachers with no title, highly sought for advice.
# Values: (pull on their own team, pull on other teams).
INFORMAL = {
    "p33": (14.0, 0.6),  # Science; also sought by Math teachers and coaches
    "p38": (14.0, 1.0),  # Social Studies; sought instead of the chair, p09
    "p50": (6.0, 0.6),   # Special Education; sought across departments
}
NONRESPONDENTS = {
    "fall": ["p15", "p36", "p56", "p61"],
    "winter": ["p19", "p27", "p44", "p59"],
    "spring": ["p12", "p40", "p53", "p57"],
}
# Teams each coach serves.
COACH_SERVES = {
    LITERACY_COACH: ["English", "Social Studies", "Special Education", "Arts"],
    MATH_COACH: ["Math", "Science", "Special Education"],
}


def status(pid, wave):
    """'yes', 'no' or 'absent' for a person in a wave."""
    if pid == NEW_HIRE and wave == "fall":
        return "absent"
    if pid == LEAVER and wave == "spring":
        return "absent"
    if pid in NONRESPONDENTS[wave]:
        return "no"
    return "yes"


def present(pid, wave):
    return status(pid, wave) != "absent"


# ---------------------------------------------------------------------------
# Random helpers: only rng.random() is used.
# ---------------------------------------------------------------------------

def rand_int(rng, lo, hi):
    """Uniform integer in [lo, hi]."""
    return lo + min(int(rng.random() * (hi - lo + 1)), hi - lo)


def pick(rng, items):
    return items[rand_int(rng, 0, len(items) - 1)]


def weighted_sample(rng, candidates, k):
    """Draw up to k distinct ids from [(id, weight>0)] without replacement."""
    pool = [(c, w) for c, w in candidates if w > 0]
    chosen = []
    while pool and len(chosen) < k:
        total = 0.0
        for _, w in pool:
            total += w
        x = rng.random() * total
        idx = len(pool) - 1
        acc = 0.0
        for n, (_, w) in enumerate(pool):
            acc += w
            if x < acc:
                idx = n
                break
        chosen.append(pool[idx][0])
        del pool[idx]
    return chosen


# ---------------------------------------------------------------------------
# Affinities: how likely i is to name j (advice) or to work with j.
# ---------------------------------------------------------------------------

def is_school_staff(pid):
    return level_of(pid) == "school"


def advice_affinity(i, j, wave):
    ri, rj = ROLE[i], ROLE[j]
    ti, tj = TEAM[i], TEAM[j]
    same = ti == tj
    w = 0.0
    if ri == "district staff":
        w = {"principal": 6.0, "instructional coach": 5.0,
             "assistant principal": 2.0, "district staff": 1.5,
             "department chair": 0.3}.get(rj, 0.0)
    elif ri == "community partner":
        if rj == "counselor":
            w = 6.0
        elif rj == "community partner":
            w = 0.8
        elif rj == "assistant principal":
            w = 1.0
        elif rj == "teacher" and tj == "Arts":
            w = 0.8
        elif rj == "teacher" and tj == "Special Education":
            w = 0.5
    elif ri in ("principal", "assistant principal"):
        if rj in ("principal", "assistant principal"):
            w = 6.0
        elif rj == "instructional coach":
            w = 5.0
        elif rj == "department chair":
            w = 0.2 if j == RARELY_SOUGHT_CHAIR else 3.0
        elif rj == "district staff":
            w = 2.5
        elif rj == "counselor":
            w = 2.0
        elif rj == "teacher":
            w = 1.0 if j in INFORMAL else 0.08
        elif rj == "community partner":
            w = 0.3
    elif ri == "instructional coach":
        if rj == "principal":
            w = 4.0
        elif rj == "assistant principal":
            w = 2.5
        elif rj == "instructional coach":
            w = 5.0
        elif rj == "district staff":
            w = 3.0
        elif rj == "department chair":
            w = 2.0 if tj in COACH_SERVES[i] else 0.3
            if j == RARELY_SOUGHT_CHAIR:
                w = 0.2
        elif rj == "teacher":
            if j in INFORMAL:
                w = 2.5
            elif tj in COACH_SERVES[i]:
                w = 0.4
            else:
                w = 0.05
        elif rj == "counselor":
            w = 0.5
    elif ri == "counselor":
        if rj == "counselor":
            w = 6.0
        elif rj == "assistant principal":
            w = 4.0
        elif rj == "principal":
            w = 2.0
        elif rj == "community partner":
            w = 2.0
        elif rj == "teacher" and tj == "Special Education":
            w = 5.0 if j in INFORMAL else 1.5
        else:
            w = 0.1
    else:  # teacher or department chair
        if rj == "teacher":
            if j in INFORMAL:
                inside, across = INFORMAL[j]
                w = inside if same else across
                if j == LEAVER and tj != ti and ti == "Math":
                    w = 2.5    # Math teachers also ask the Science leader
            else:
                w = 1.0 if same else 0.04
        elif rj == "department chair":
            if j == RARELY_SOUGHT_CHAIR:
                w = 0.06 if same else 0.01
            else:
                w = 4.0 if same else 0.3
            if ri == "department chair":
                w = max(w, 1.5) if j != RARELY_SOUGHT_CHAIR else 0.3
        elif rj == "instructional coach":
            w = 3.0 if ti in COACH_SERVES[j] else 0.2
        elif rj == "principal":
            w = 3.0 if ri == "department chair" else 0.3
        elif rj == "assistant principal":
            w = 2.0 if ri == "department chair" else 0.15
        elif rj == "counselor":
            w = 0.8 if ti == "Special Education" else 0.15
        elif rj == "community partner":
            w = 0.6 if ti == "Arts" else 0.0
        elif rj == "district staff":
            w = 0.15 if ri == "department chair" else 0.0
    if j == NEW_HIRE:
        w *= {"winter": 0.05, "spring": 5.0}.get(wave, 1.0)
    return w


def collab_affinity(i, j):
    """Symmetric: how likely i and j are to work together."""
    a, b = sorted([i, j])
    ra, rb = ROLE[a], ROLE[b]
    ta, tb = TEAM[a], TEAM[b]
    roles = {ra, rb}
    lead = {"principal", "assistant principal"}
    if ra in lead and rb in lead:
        return 4.0
    if roles & lead and roles & {"instructional coach", "department chair"}:
        return 1.0
    if roles & lead and "counselor" in roles:
        return 2.0
    if "district staff" in roles:
        other = rb if ra == "district staff" else ra
        if other == "district staff":
            return 0.8
        if other in ("principal", "instructional coach"):
            return 2.5
        if other == "assistant principal":
            return 0.4
        return 0.0
    if "community partner" in roles:
        other_id = b if ra == "community partner" else a
        other = ROLE[other_id]
        if other == "counselor":
            return 6.0
        if other == "community partner":
            return 0.5
        if other == "teacher" and TEAM[other_id] == "Arts":
            return 0.6
        if other == "teacher" and TEAM[other_id] == "Special Education":
            return 0.3
        return 0.0
    if "counselor" in roles:
        other_id = b if ra == "counselor" else a
        if ROLE[other_id] == "counselor":
            return 3.0
        if TEAM[other_id] == "Special Education":
            return 1.0
        return 0.05
    if "instructional coach" in roles:
        coach = a if ra == "instructional coach" else b
        other_id = b if coach == a else a
        if ROLE[other_id] == "instructional coach":
            return 2.0
        return 0.5 if TEAM[other_id] in COACH_SERVES[coach] else 0.02
    if ra in lead or rb in lead:
        return 0.02
    # teachers and chairs
    if ta == tb:
        return 1.0
    if "Special Education" in (ta, tb):
        return 0.15     # co-teaching
    if ra == "department chair" and rb == "department chair":
        return 0.8
    return 0.02


# ---------------------------------------------------------------------------
# Tie strengths (1 < monthly, 2 monthly, 3 weekly, 4 daily)
# ---------------------------------------------------------------------------

def draw_weight(rng, i, j):
    if TEAM[i] == TEAM[j]:
        return pick(rng, [2, 3, 3, 4])
    if level_of(i) != level_of(j):
        return pick(rng, [1, 1, 2])
    return pick(rng, [1, 2, 2, 3])


def drift_weight(rng, w):
    x = rng.random()
    if x < 0.12:
        w -= 1
    elif x < 0.24:
        w += 1
    return max(1, min(4, w))


def advice_outdegree(rng, pid):
    r = ROLE[pid]
    if r == "district staff":
        return rand_int(rng, 4, 6)
    if r == "community partner":
        return rand_int(rng, 3, 5)
    if r == "counselor":
        return rand_int(rng, 5, 8)
    return rand_int(rng, 6, 9)


def collab_degree(rng, pid):
    r = ROLE[pid]
    if r in ("teacher", "department chair"):
        return rand_int(rng, 3, 5)
    if r in ("principal", "assistant principal", "instructional coach",
             "counselor"):
        return rand_int(rng, 4, 6)
    return rand_int(rng, 2, 4)


# ---------------------------------------------------------------------------
# Network generation. A latent network evolves from wave to wave; a wave's
# observed ties are the latent ties sent by that wave's respondents.
# ---------------------------------------------------------------------------

def generate(rng):
    edges = []   # (wave, relation, source, target, weight)

    # Per-person base activity, drawn once.
    base_k = {}
    base_c = {}
    for pid in IDS:
        base_k[pid] = advice_outdegree(rng, pid)
        base_c[pid] = collab_degree(rng, pid)

    advice = {}   # pid -> list of [target, weight] in insertion order
    collab = []   # list of [a, b, weight], a < b, in insertion order
    prev = None
    for wave in WAVES:
        here = [p for p in IDS if present(p, wave)]

        # ---- advice ----
        new_advice = {}
        for i in here:
            kept = []
            if prev is not None and i in advice:
                for j, w in advice[i]:
                    if not present(j, wave):
                        continue          # the person left: tie dissolves
                    # Ties to go-to people are the most stable.
                    keep = 0.9 if j in INFORMAL else 0.78
                    if rng.random() < keep:
                        kept.append([j, drift_weight(rng, w)])
            if i == NEW_HIRE:
                k = {"winter": 4, "spring": 7}[wave]
            else:
                k = base_k[i]
                if prev is not None:
                    x = rng.random()
                    if x < 0.2:
                        k -= 1
                    elif x < 0.4:
                        k += 1
            if i == NEW_HIRE and wave == "winter":
                # A newcomer first asks the people whose job is to help.
                kept = [[MATH_COACH, 3], [MATH_CHAIR, 2], [MENTOR, 4]]
            taken = [j for j, _ in kept]
            cands = [(j, advice_affinity(i, j, wave)) for j in here
                     if j != i and j not in taken]
            for j in weighted_sample(rng, cands, k - len(kept)):
                kept.append([j, draw_weight(rng, i, j)])
            new_advice[i] = kept
        advice = new_advice

        # ---- collaboration (undirected latent pairs) ----
        pairs = []
        if prev is not None:
            for a, b, w in collab:
                if present(a, wave) and present(b, wave):
                    if rng.random() < 0.85:
                        pairs.append([a, b, drift_weight(rng, w)])
        if wave != "fall":
            has = [p for p in pairs if {p[0], p[1]} == {MENTOR, NEW_HIRE}]
            if not has:
                pairs.append([MENTOR, NEW_HIRE, 3])
        degree = {p: 0 for p in here}
        for a, b, _ in pairs:
            degree[a] += 1
            degree[b] += 1
        target = {}
        for p in here:
            target[p] = base_c[p]
        if NEW_HIRE in target:
            target[NEW_HIRE] = {"winter": 2, "spring": 4}[wave]
        for i in here:
            if degree[i] >= target[i]:
                continue
            linked = []
            for a, b, _ in pairs:
                if a == i:
                    linked.append(b)
                elif b == i:
                    linked.append(a)
            cands = []
            for j in here:
                if j == i or j in linked or degree[j] > target[j]:
                    continue
                w = collab_affinity(i, j)
                if j == NEW_HIRE or i == NEW_HIRE:
                    w *= {"winter": 0.1, "spring": 1.0}.get(wave, 1.0)
                cands.append((j, w))
            for j in weighted_sample(rng, cands, target[i] - degree[i]):
                a, b = sorted([i, j])
                pairs.append([a, b, draw_weight(rng, a, b)])
                degree[i] += 1
                degree[j] += 1
        collab = pairs

        # ---- observation ----
        for i in here:
            if status(i, wave) != "yes":
                continue
            for j, w in advice[i]:
                edges.append((wave, "advice", i, j, w))
        for a, b, w in collab:
            for s, t in ((a, b), (b, a)):
                if status(s, wave) != "yes":
                    continue
                if rng.random() < 0.9:
                    edges.append((wave, "collaboration", s, t,
                                  drift_weight(rng, w)))
        prev = wave

    order_w = {w: n for n, w in enumerate(WAVES)}
    order_r = {r: n for n, r in enumerate(RELATIONS)}
    edges.sort(key=lambda e: (order_w[e[0]], order_r[e[1]], e[2], e[3]))
    return edges


def make_roster(rng):
    years = {}
    ranges = {
        "principal": (16, 24), "assistant principal": (9, 16),
        "instructional coach": (10, 18), "department chair": (12, 25),
        "teacher": (1, 28), "counselor": (4, 15),
        "district staff": (8, 22), "community partner": (2, 14),
    }
    for pid in IDS:
        lo, hi = ranges[ROLE[pid]]
        years[pid] = rand_int(rng, lo, hi)
    years[NEW_HIRE] = 0
    years[LEAVER] = 14
    years[RARELY_SOUGHT_CHAIR] = 23
    rows = []
    for pid in IDS:
        rows.append([pid, NAME[pid], ROLE[pid], TEAM[pid], level_of(pid),
                     years[pid]] + [status(pid, w) for w in WAVES])
    return rows


def check(edges):
    seen = set()
    for wave, rel, s, t, w in edges:
        assert s != t, ("self-loop", s)
        key = (s, t, rel, wave)
        assert key not in seen, ("duplicate", key)
        seen.add(key)
        assert status(s, wave) == "yes", ("out-tie from non-respondent", key)
        assert present(t, wave), ("in-tie to absent person", key)
        assert 1 <= w <= 4
    assert len(set(NAME.values())) == len(IDS), "names must be unique"


def main(argv):
    here = os.path.dirname(os.path.abspath(__file__))
    default_out = os.path.join(os.path.dirname(here), "Samples", "school")
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", default=default_out,
                    help="output folder (default: Samples/school)")
    args = ap.parse_args(argv)

    rng = random.Random(SEED)
    roster = make_roster(rng)
    edges = generate(rng)
    check(edges)

    os.makedirs(args.out, exist_ok=True)
    with open(os.path.join(args.out, "roster.csv"), "w", encoding="utf-8",
              newline="") as f:
        wr = csv.writer(f, lineterminator="\n")
        wr.writerow(["id", "name", "role", "team", "level", "years"]
                    + ["responded_" + w for w in WAVES])
        wr.writerows(roster)
    with open(os.path.join(args.out, "edges.csv"), "w", encoding="utf-8",
              newline="") as f:
        wr = csv.writer(f, lineterminator="\n")
        wr.writerow(["source", "target", "weight", "relation", "wave"])
        for wave, rel, s, t, w in edges:
            wr.writerow([s, t, w, rel, wave])

    print("wrote %s" % args.out)
    print("people: %d" % len(IDS))
    for wave in WAVES:
        on = sum(1 for p in IDS if present(p, wave))
        yes = sum(1 for p in IDS if status(p, wave) == "yes")
        counts = []
        for rel in RELATIONS:
            n = sum(1 for e in edges if e[0] == wave and e[1] == rel)
            counts.append("%s %d" % (rel, n))
        print("%-6s on staff %d, responded %d; ties: %s"
              % (wave, on, yes, ", ".join(counts)))
    print("total ties: %d" % len(edges))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

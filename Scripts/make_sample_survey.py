#!/usr/bin/env python3
"""Write synthetic survey exports of the sample school, one in each shape
that `staffgraph import survey` reads.

Usage (from the repository root):

    python3 Scripts/make_sample_survey.py [--school DIR] [--out DIR]

Reads DIR/roster.csv and DIR/edges.csv of the sample school (default
Samples/school) and writes, into --out (default Samples/survey):

- staff.csv            the roster as a school keeps it: id, name, email,
                       aliases, role, team, level, years, and who was not on
                       staff in a wave (responded_<wave> = absent, else empty)
- name_generator.csv   the fall wave as a Google Forms export: one row per
                       submission, typed colleague names with "How often?"
                       beside each
- roster_matrix.csv    the winter wave as a Qualtrics export (three header
                       rows): one column per colleague per question holding a
                       frequency label

The answers are the school's ties for that wave, typed the way people type:
mostly exact, sometimes without accents, in lower case, "Last, First",
with a nickname, an initial, a surname or first name alone, or a typo; plus
a name that fits two people, someone not on staff, a duplicate submission,
a blank row, a self-nomination, a "none", and the wave's non-respondents
(who submit nothing). Every planted case is listed when the script runs.

The output is byte-identical on every run: one random.Random with a fixed
seed, only rng.random() is called, and every loop runs in a fixed order.
Everything is fictional; e-mail addresses use the reserved example.org domain.
"""

import argparse
import csv
import os
import random
import unicodedata

SEED = 20241005

LABELS = {1: "Less than monthly", 2: "Monthly", 3: "Weekly", 4: "Daily"}

# Aliases a school might record on its roster (separated by ;).
ALIASES = {
    "p01": "Dr. O",
    "p13": "Pepe",
    "p60": "Frank Girard",
    "p50": "Ruthie",
}

# Nicknames people use for colleagues (all in StaffGraph's built-in table).
NICKNAMES = {
    "Robert": "Bob", "Samuel": "Sam", "Michael": "Mike", "Thomas": "Tom",
    "Jessica": "Jess", "Daniel": "Dan", "Rebecca": "Becky", "Margaret": "Maggie",
    "David": "Dave", "Peter": "Pete", "James": "Jim",
}

ADVICE_SLOTS = 10
COLLAB_SLOTS = 8


# ---------------------------------------------------------------------------
# Random helpers: only rng.random() is used.
# ---------------------------------------------------------------------------

def rand_int(rng, lo, hi):
    return lo + min(int(rng.random() * (hi - lo + 1)), hi - lo)


def shuffled(rng, items):
    items = list(items)
    for i in range(len(items) - 1, 0, -1):
        j = rand_int(rng, 0, i)
        items[i], items[j] = items[j], items[i]
    return items


def strip_accents(text):
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


def email_of(name):
    first, last = name.split(" ", 1)
    local = strip_accents(first + "." + last).lower().replace("'", "").replace(" ", "")
    return local + "@lincoln.example.org"


# ---------------------------------------------------------------------------
# Typing names.
# ---------------------------------------------------------------------------

class Typist:
    """Renders a colleague's name the way a respondent might type it."""

    def __init__(self, rng, names):
        self.rng = rng
        self.names = names  # id -> name
        firsts, lasts = {}, {}
        for pid, name in names.items():
            first, last = name.split(" ", 1)
            firsts[first] = firsts.get(first, 0) + 1
            lasts[last] = lasts.get(last, 0) + 1
        self.unique_first = {f for f, n in firsts.items() if n == 1}
        # A surname alone is unique if no one else has it, whole or as part.
        parts = {}
        for last in lasts:
            for part in [last] + (last.replace("-", " ").split() if "-" in last else []):
                parts[part] = parts.get(part, 0) + 1
        self.unique_last = {l for l in lasts if parts.get(l, 0) == 1 and lasts[l] == 1}
        self.counts = {}

    def note(self, kind):
        self.counts[kind] = self.counts.get(kind, 0) + 1

    def typo(self, name):
        """One edit inside a word of the surname: swap, drop or double a letter."""
        first, last = name.split(" ", 1)
        word = list(last)
        letters = [i for i in range(1, len(word) - 1) if word[i].isalpha() and word[i + 1].isalpha()]
        i = letters[rand_int(self.rng, 0, len(letters) - 1)]
        kind = rand_int(self.rng, 0, 2)
        if kind == 0 and word[i] != word[i + 1]:
            word[i], word[i + 1] = word[i + 1], word[i]
        elif kind == 1:
            del word[i]
        else:
            word.insert(i, word[i])
        return first + " " + "".join(word)

    def render(self, pid):
        """Mostly the name as on the roster; otherwise one kind of variation
        (when it does not apply to this name, the exact name)."""
        name = self.names[pid]
        first, last = name.split(" ", 1)
        if strip_accents(name) != name and self.rng.random() < 0.5:
            self.note("folded: no accents")
            return strip_accents(name)
        x = self.rng.random()
        if 0.08 <= x < 0.12:
            self.note("folded: lower case, extra spaces")
            return "  " + name.lower().replace(" ", "  ")
        if 0.12 <= x < 0.15:
            self.note("reversed: Last, First")
            return last + ", " + first
        if 0.15 <= x < 0.17:
            self.note("initials: F. Last")
            return first[0] + ". " + last
        if 0.17 <= x < 0.19 and last in self.unique_last:
            if self.rng.random() < 0.5:
                self.note("surname with a title")
                return ("Ms. " if self.rng.random() < 0.5 else "Mr. ") + last
            self.note("surname alone")
            return last
        if 0.19 <= x < 0.205 and first in self.unique_first:
            self.note("first name alone")
            return first
        if 0.205 <= x < 0.30 and first in NICKNAMES:
            self.note("nickname")
            return NICKNAMES[first] + " " + last
        if 0.205 <= x < 0.40 and pid in ALIASES:
            self.note("alias")
            return ALIASES[pid]
        if 0.40 <= x < 0.425:
            self.note("typo (unmatched, with a suggestion)")
            return self.typo(name)
        self.note("exact")
        return name


# ---------------------------------------------------------------------------
# Reading the school.
# ---------------------------------------------------------------------------

def read_school(folder):
    with open(os.path.join(folder, "roster.csv"), encoding="utf-8", newline="") as f:
        roster = list(csv.DictReader(f))
    with open(os.path.join(folder, "edges.csv"), encoding="utf-8", newline="") as f:
        edges = list(csv.DictReader(f))
    return roster, edges


def ties_of(edges, wave, relation):
    out = {}
    for e in edges:
        if e["wave"] == wave and e["relation"] == relation:
            out.setdefault(e["source"], []).append((e["target"], int(e["weight"])))
    return out


def write_csv(path, rows):
    with open(path, "w", encoding="utf-8", newline="") as f:
        wr = csv.writer(f, lineterminator="\n")
        for row in rows:
            wr.writerow(row)


# ---------------------------------------------------------------------------
# staff.csv
# ---------------------------------------------------------------------------

def staff_rows(roster):
    rows = [["id", "name", "email", "aliases", "role", "team", "level", "years",
             "responded_fall", "responded_winter", "responded_spring"]]
    for p in roster:
        rows.append([p["id"], p["name"], email_of(p["name"]), ALIASES.get(p["id"], ""),
                     p["role"], p["team"], p["level"], p["years"]] +
                    ["absent" if p["responded_" + w] == "absent" else "" for w in ("fall", "winter", "spring")])
    return rows


# ---------------------------------------------------------------------------
# Google Forms: name generator, fall.
# ---------------------------------------------------------------------------

def google_time(day, seconds):
    """Google Forms (US) style: 9/23/2024 8:14:03."""
    h, rem = divmod(seconds, 3600)
    m, s = divmod(rem, 60)
    return "9/%d/2024 %d:%02d:%02d" % (day, h, m, s)


def name_generator(rng, roster, edges, planted):
    wave = "fall"
    names = {p["id"]: p["name"] for p in roster}
    typist = Typist(rng, names)
    advice = ties_of(edges, wave, "advice")
    collab = ties_of(edges, wave, "collaboration")
    respondents = [p["id"] for p in roster if p["responded_" + wave] == "yes"]

    header = ["Timestamp", "Email Address", "Your name"]
    for k in range(1, ADVICE_SLOTS + 1):
        header += ["Whom do you go to for advice about teaching? [%d]" % k, "How often? [%d]" % k]
    for k in range(1, COLLAB_SLOTS + 1):
        header += ["With whom do you plan or work on instruction? [%d]" % k, "How often do you work with them? [%d]" % k]

    def answers(ties, slots, extra=None):
        cells = []
        order = shuffled(rng, sorted(ties))
        typed = [(typist.render(t), LABELS[w]) for t, w in order]
        if extra:
            typed += extra
        assert len(typed) <= slots
        for text, label in typed:
            cells += [text, label]
        cells += ["", ""] * (slots - len(typed))
        return cells

    # Planted cases, by respondent.
    AMBIGUOUS = "p06"     # types "Reyes" for Daniel Reyes (p02): fits p02 and p17 Okafor-Reyes
    UNKNOWN = "p41"       # names a district consultant not on staff
    SELF = "p16"          # names herself under collaboration
    DUPLICATE = "p22"     # submits twice; the first, partial one is dropped
    NONE = "p57"          # writes "N/A" in a spare collaboration slot
    EMAIL_CASE = "p38"    # types her e-mail with capitals

    submissions = []  # (day, seconds, row)
    for n, pid in enumerate(respondents):
        day = 23 + rand_int(rng, 0, 4)
        seconds = 7 * 3600 + rand_int(rng, 0, 10 * 3600)
        adv = advice.get(pid, [])
        col = collab.get(pid, [])
        adv_extra, col_extra = None, None
        if pid == AMBIGUOUS:
            if not any(t == "p02" for t, _ in adv):
                raise SystemExit("planting failed: %s does not name p02" % pid)
            # Render p02 as "Reyes": take it out of the typed ties and add it back.
            w = dict(adv)["p02"]
            adv = [(t, x) for t, x in adv if t != "p02"]
            adv_extra = [("Reyes", LABELS[w])]
            planted.append("name generator: %s typed 'Reyes' for Daniel Reyes (fits p02 and p17)" % pid)
        if pid == UNKNOWN:
            adv_extra = [("Dr. Patterson", LABELS[2])]
            planted.append("name generator: %s named 'Dr. Patterson', who is not on staff" % pid)
        if pid == SELF:
            col_extra = [(names[pid], LABELS[3])]
            planted.append("name generator: %s named herself under collaboration" % pid)
        if pid == NONE:
            col_extra = [("N/A", "")]
            planted.append("name generator: %s wrote 'N/A' in a spare collaboration slot" % pid)
        email = email_of(names[pid])
        if pid == EMAIL_CASE:
            email = email[0].upper() + email[1:].replace(".o", ".O", 1)
        row = [None, email, names[pid] if rng.random() < 0.8 else strip_accents(names[pid]).lower()]
        row += answers(adv, ADVICE_SLOTS, adv_extra)
        row += answers(col, COLLAB_SLOTS, col_extra)
        submissions.append((day, seconds, row))
        if pid == DUPLICATE:
            # An earlier, partial submission: the first three advice names only.
            first = [None, email, names[pid]]
            first += answers(adv[:3], ADVICE_SLOTS)
            first += ["", ""] * COLLAB_SLOTS
            submissions.append((day - 1, seconds, first))
            planted.append("name generator: %s submitted twice (the earlier, partial one is dropped)" % pid)

    # Someone not on the roster (a student teacher).
    stranger = [None, "jordan.blake@lincoln.example.org", "Jordan Blake"]
    stranger += answers([("p21", 3), ("p07", 2), ("p05", 2)], ADVICE_SLOTS)
    stranger += ["", ""] * COLLAB_SLOTS
    submissions.append((25, 13 * 3600 + 5 * 60, stranger))
    planted.append("name generator: a respondent not on the roster (jordan.blake@…)")

    submissions.sort(key=lambda s: (s[0], s[1]))
    rows = [header]
    blank_after = len(submissions) // 2
    for k, (day, seconds, row) in enumerate(submissions):
        row[0] = google_time(day, seconds)
        rows.append(row)
        if k == blank_after:
            rows.append([""] * len(header))
    planted.append("name generator: one blank row")
    nonrespondents = [p["id"] for p in roster if p["responded_" + wave] == "no"]
    planted.append("name generator: non-respondents %s" % ", ".join(nonrespondents))
    return rows, typist.counts


# ---------------------------------------------------------------------------
# Qualtrics: roster matrix, winter.
# ---------------------------------------------------------------------------

ADVICE_Q = "How often do you go to each of these colleagues for advice about teaching?"
COLLAB_Q = "How often do you plan or work on instruction with each of these colleagues?"


def response_id(rng):
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
    return "R_" + "".join(alphabet[rand_int(rng, 0, len(alphabet) - 1)] for _ in range(15))


def roster_matrix(rng, roster, edges, planted):
    wave = "winter"
    people = [p for p in roster if p["responded_" + wave] != "absent"]
    names = {p["id"]: p["name"] for p in roster}
    advice = ties_of(edges, wave, "advice")
    collab = ties_of(edges, wave, "collaboration")

    def statement(p):
        # The survey designer typed the list of colleagues; one apostrophe is curly.
        return p["name"].replace("'", "\u2019")

    meta = [("StartDate", "Start Date", '{"ImportId":"startDate","timeZone":"America/Chicago"}'),
            ("EndDate", "End Date", '{"ImportId":"endDate","timeZone":"America/Chicago"}'),
            ("Status", "Response Type", '{"ImportId":"status"}'),
            ("Progress", "Progress", '{"ImportId":"progress"}'),
            ("Duration (in seconds)", "Duration (in seconds)", '{"ImportId":"duration"}'),
            ("Finished", "Finished", '{"ImportId":"finished"}'),
            ("RecordedDate", "Recorded Date", '{"ImportId":"recordedDate","timeZone":"America/Chicago"}'),
            ("ResponseId", "Response ID", '{"ImportId":"_recordId"}'),
            ("UserLanguage", "User Language", '{"ImportId":"userLanguage"}'),
            ("Q1", "What is your name?", '{"ImportId":"QID1_TEXT"}')]
    row1 = [m[0] for m in meta]
    row2 = [m[1] for m in meta]
    row3 = [m[2] for m in meta]
    for q, (qid, text) in enumerate([("QID2", ADVICE_Q), ("QID3", COLLAB_Q)]):
        for k, p in enumerate(people, start=1):
            row1.append("Q%d_%d" % (q + 2, k))
            row2.append("%s - %s" % (text, statement(p)))
            row3.append('{"ImportId":"%s_%d"}' % (qid, k))

    # How respondents typed their own name.
    TYPED = {
        "p09": "Bob Ellison",          # nickname
        "p26": "Tomas Herrera",        # no accent
        "p43": "Fontaine, Claire",     # Last, First
        "p48": "imani johnson",        # lower case
        "p13": "J. Núñez",             # initial
        "p35": "Ana Kowalski",         # typo: not matched, answers set aside
    }
    SELF = "p21"        # rates herself Daily for advice
    DUPLICATE = "p40"   # an unfinished first attempt, then a full one

    def cells(pid, ties, extra=None):
        w = dict(ties)
        if extra:
            w.update(extra)
        return [LABELS[w[p["id"]]] if p["id"] in w else "" for p in people]

    responses = []  # (minute of the wave, row)
    respondents = [p["id"] for p in roster if p["responded_" + wave] == "yes"]
    for pid in respondents:
        minute = rand_int(rng, 0, 14 * 24 * 60)
        typed = TYPED.get(pid, names[pid])
        extra = {pid: 4} if pid == SELF else None
        answers = cells(pid, advice.get(pid, []), extra) + cells(pid, collab.get(pid, []))
        responses.append((minute, "100", "True", typed, answers))
        if pid == DUPLICATE:
            partial = cells(pid, advice.get(pid, [])[:2]) + [""] * len(people)
            responses.append((minute - 90, "41", "False", typed, partial))
    for pid, typed in sorted(TYPED.items()):
        if typed != names[pid]:
            planted.append("roster matrix: %s typed their name as '%s'" % (pid, typed))
    planted.append("roster matrix: %s rated herself (self-nomination)" % SELF)
    planted.append("roster matrix: %s submitted twice (an unfinished attempt first)" % DUPLICATE)
    # A substitute teacher who is not on the roster.
    stranger = cells("", [("p05", 3), ("p07", 2)]) + [""] * len(people)
    responses.append((3 * 24 * 60 + 600, "100", "True", "Jordan Blake", stranger))
    planted.append("roster matrix: a respondent not on the roster (Jordan Blake)")
    # Someone who opened the survey and submitted nothing.
    responses.append((5 * 24 * 60 + 300, "100", "True", "", [""] * (2 * len(people))))
    planted.append("roster matrix: one blank response")
    nonrespondents = [p["id"] for p in roster if p["responded_" + wave] == "no"]
    planted.append("roster matrix: non-respondents %s" % ", ".join(nonrespondents))

    responses.sort(key=lambda r: r[0])
    rows = [row1, row2, row3]
    for minute, progress, finished, typed, answers in responses:
        start = minute - rand_int(rng, 4, 25)
        def stamp(m):
            day, rem = divmod(m, 24 * 60)
            h, mm = divmod(rem, 60)
            return "2025-01-%02d %02d:%02d:%02d" % (13 + day, h, mm, rand_int(rng, 0, 59))
        end = stamp(minute)
        rows.append([stamp(start), end, "IP Address", progress, str((minute - start) * 60 + rand_int(rng, 0, 59)),
                     finished, end, response_id(rng), "EN", typed] + answers)
    return rows


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--school", default=os.path.join("Samples", "school"))
    parser.add_argument("--out", default=os.path.join("Samples", "survey"))
    args = parser.parse_args()
    rng = random.Random(SEED)
    roster, edges = read_school(args.school)
    os.makedirs(args.out, exist_ok=True)
    planted = []
    write_csv(os.path.join(args.out, "staff.csv"), staff_rows(roster))
    rows, counts = name_generator(rng, roster, edges, planted)
    write_csv(os.path.join(args.out, "name_generator.csv"), rows)
    write_csv(os.path.join(args.out, "roster_matrix.csv"), roster_matrix(rng, roster, edges, planted))
    print("wrote staff.csv, name_generator.csv, roster_matrix.csv to %s" % args.out)
    for p in planted:
        print("  " + p)
    print("  how the name generator's colleague names were typed:")
    for kind in sorted(counts):
        print("    %-40s %d" % (kind, counts[kind]))


if __name__ == "__main__":
    main()

"""What the tables say a reading's figure is.

For one reading (kind x subject x election) this asks the reference API for
every official value the reading can stand for: a previous figure from the
notional result on the new boundaries and from the actual result on the
old; a turnout over valid votes and over all ballots; a share change and a
two-party swing; Labour's seats with and without the Speaker. Each value
comes with the arithmetic an editor can audit. A reading the tables cannot
answer returns no values and, where useful, a note saying why.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from ..models import Quantity, Reading, Subject
from ..reference import aggregate as agg
from ..reference.parties import display_name
from ..reference.records import Candidate, SeatResult
from .derived import DerivedEvidence


@dataclass
class Evidence:
    value: float
    dataset: str
    detail: str
    label: str  # "2024 majority in Leicester South"
    baseline: Optional[str] = None  # the role of a previous-election value: "previous" or "previous_actual"
    signed: bool = False  # a change: compare signs only when the text gives one


@dataclass
class Answer:
    values: list[Evidence]
    note: Optional[str] = None  # why the tables cannot settle it, when they cannot
    caveat: Optional[str] = None  # why even a mismatch must stay unverifiable


def _cand(c: Candidate) -> str:
    votes = f"{c.votes:,}" if c.votes is not None else f"{c.share:.1f}%" if c.share is not None else "not held"
    return f"{c.name}, {c.party}, {votes}" if c.first_name else f"{c.party_name}, {votes}"


#: Roles that make a figure the result of a sum over others: only a derived reading (judge/derived.py) follows it.
DERIVED_ROLES = {"ratio", "proportional", "per_seat", "relative"}

NOT_HELD_WORDS = {"majority": "majority", "votes": "vote", "ballots": "turnout", "turnout": "turnout",
                  "electorate": "electorate", "share": "share", "votes_change": "vote"}


def _held(table: dict, seats) -> bool:
    """Does one result hold votes for every one of these seats (a previous election known only by its
    shares does not)? A table that holds them for every seat answers at once."""
    if agg.fully_held(table):
        return True
    return all(table[o].valid_votes is not None for o in seats if o in table)


def _share_lead(result: SeatResult) -> Optional[tuple[float, str]]:
    """A majority in points from the shares alone, for a result held only as shares: only when no party
    missing from the table could have come second (the shares left unaccounted for are less than the
    runner-up's)."""
    winner = result.winner
    known = [c for c in result.candidates if c.share is not None]
    others = [c for c in known if c is not winner]
    if winner.share is None or not others:
        return None
    second = max(others, key=lambda c: c.share)
    if 100.0 - sum(c.share for c in known) >= second.share:
        return None
    lead = winner.share - second.share
    return lead, (f"{_cand(winner)} less {_cand(second)} = {lead:.2f} points (the winner's lead in shares; "
                  f"votes are not held)")


def _between_definitions(q: Quantity, valid: Optional[float], ballots: Optional[float], dataset: str, where: str,
                          label: str, baseline: Optional[str] = None) -> list[Evidence]:
    """A turnout between the one over valid votes and the one over all ballots, as a source counting some of the
    rejected ballots, or rounding one way, gives it ("60.2%" against 60.12% and 60.27%): no definition the
    tables hold is contradicted, so the figure is not wrong. Only a plain percentage whose written precision
    reaches into the span between the two counts."""
    if q.unit != "percent" or valid is None or ballots is None or not valid < ballots:
        return []
    if q.high < valid or q.low > ballots:
        return []
    value = min(max(q.value, valid), ballots)
    return [Evidence(value, dataset, f"between the turnout over valid votes ({valid:.2f}%) and over all ballots "
                     f"({ballots:.2f}%) in {where}", f"{label} (between the two definitions)", baseline)]


def _absolute_majority(result: SeatResult, dataset: str, label: str, name: str,
                       baseline: Optional[str] = None) -> list[Evidence]:
    """"A majority of 51.1%": a winner with more than half the vote, as a share of it."""
    w = result.winner
    if w.share is None or w.share <= 50.0:
        return []
    who = w.name or display_name(w.party)
    return [Evidence(w.share, dataset, f"{who} won {w.share:.2f}% of the vote in {name}, more than half",
                     f"{label} share of the winner in {name} (an absolute majority)", baseline)]


def majority_detail(seat: SeatResult) -> str:
    parts = [_cand(seat.winner)]
    if seat.runner_up:
        parts.append(_cand(seat.runner_up))
    return f"{seat.majority:,} ({'; '.join(parts)})"


class EvidenceFinder(DerivedEvidence):
    """Official values for readings, from one reference adapter (derived figures: judge/derived.py)."""

    def __init__(self, ref, places=None):
        self.ref = ref
        self.places = places
        self._groups: dict[str, list[str]] = {}
        self._place_seats: Optional[tuple[list[str], str]] = None  # the variant of a place being counted

    def ds(self, role: str) -> str:
        """The citation of the table a value comes from (the adapter's, by role)."""
        return self.ref.datasets[role]

    def lab(self, role: str) -> str:
        """How an explanation names a result: "2024", "before 2019", "actual 2019" (the adapter's words)."""
        return self.ref.labels[role]

    # ------------------------------------------------------------ entry
    def answer(self, r: Reading, q: Quantity) -> Answer:
        if r.era in ("other", "forecast"):
            return Answer([])
        wide = r.subject.level in ("uk", "nation", "region", "place", "group")
        name = f"_{'wide' if wide else 'seat'}_{r.kind}"
        derived = self.derived_for(r, q)
        fn = derived or getattr(self, name, None)
        if fn is None:
            return Answer([], f"figures read as {r.kind.replace('_', ' ')} cannot be checked against these tables")
        if r.subject.level == "place":
            a = self._place_answer(fn, r, q)
        else:
            a = fn(r, q)
        a.values = [e for e in a.values if e.value is not None]
        if derived is None and set(r.roles) & DERIVED_ROLES and a.caveat is None:
            # "seats worth of the vote", "votes per seat", "double the number": a sum this reading does not do
            a.caveat = "the figure is derived from others in a way the check does not follow"
        if not a.values and a.note is None and r.era == "previous" and not wide:
            what = NOT_HELD_WORDS.get(r.kind)
            if what:
                a.note = f"the {self.ref.previous_key} {what} is not in the reference data"
        return a

    def _place_answer(self, fn, r: Reading, q: Quantity) -> Answer:
        """A place's figure counted both ways: with the seats straddling its border and without them (and,
        for a city, over the seats named after it), since coverage counts them either way."""
        place = self.place(r.subject.place)
        if place is None:
            return Answer([], f"the tables do not say which seats make up {r.subject.place}")
        from ..readings.subjects import place_label

        name = place_label(place.name)
        variants = [(place.seats, name)]
        if place.core and set(place.core) != set(place.seats):
            variants.append((place.core, f"{name} without the seats that straddle {'its border' if name == place.name else 'their borders'}"))
        if place.kind == "city" and place.named and set(place.named) not in (set(place.seats), set(place.core)):
            variants.append((place.named, f"the seats named after {name}"))
        for other in self._other_unions(place.name):
            # "County Durham" in a list may be the council's area rather than the ceremonial county
            label = place_label(other.name)
            variants += [(other.seats, label), (other.core, f"{label} without the seats that straddle their borders")]
        values, note, caveat = [], None, None
        for seats, label in variants:
            self._place_seats = (list(seats), label)
            try:
                a = fn(r, q)
            finally:
                self._place_seats = None
            values += a.values
            note, caveat = note or a.note, caveat or a.caveat
        return Answer(_dedupe(values), note, caveat)

    def _other_unions(self, name: str) -> list:
        """A listed area read with another place for each part whose name is shared (at most a few)."""
        if "|" not in name or self.places is None:
            return []
        from ..readings.subjects import union_place

        parts = [self.places.place_seats(n) for n in name.split("|")]
        out = []
        for i, part in enumerate(parts):
            for alt in self.places.places_named(part.name)[1:] + [p for p in self.places.places
                                                                   if p.name.startswith(part.name + " (")]:
                if alt.name != part.name and len(out) < 4:
                    out.append(union_place(parts[:i] + [alt] + parts[i + 1:]))
        return out

    def place(self, name: Optional[str]):
        """A place of the table by name; "A|B|C" is the places a sentence lists together, as one area."""
        if self.places is None or not name:
            return None
        if "|" not in name:
            return self.places.place_seats(name)
        from ..readings.subjects import union_place

        parts = [self.places.place_seats(n) for n in name.split("|")]
        return union_place([p for p in parts if p is not None]) if all(parts) else None

    # ------------------------------------------------------------ seat helpers
    def _seat(self, s: Subject) -> Optional[SeatResult]:
        return self.ref.seat(s.ons_id) if s.ons_id else None

    def _row(self, s: Subject, seat: Optional[SeatResult]) -> Optional[Candidate]:
        """The subject's own row in its seat: the candidate, or the party's one candidate."""
        if seat is None:
            return None
        if s.person and self.ref.is_previous_actual(s.person):
            return None  # a candidate of the previous election only: no row in this one
        if s.person:
            c = self.ref.candidate(s.person)
            return c if c and c.ons_id == seat.ons_id else None
        if s.party:
            rows = [c for c in seat.candidates if c.party == s.party]
            return rows[0] if len(rows) == 1 else None
        return None

    def _old_seats(self, s: Subject, seat: Optional[SeatResult]) -> list[SeatResult]:
        found: dict[str, SeatResult] = {}
        for ons in s.old_seats:
            old = self.ref.previous_actual.get(ons)
            if old:
                found[ons] = old
        if s.person:
            person = self.ref.candidate(s.person)
            if person is not None:
                if self.ref.is_previous_actual(s.person):
                    old = self.ref.previous_actual.get(person.ons_id)
                else:
                    old = self.ref.previous_seat_won_by(person)
                if old:
                    found[old.ons_id] = old
        if seat is not None and not found:
            for old in self.ref.predecessors(seat.ons_id) or self._named_like(seat):
                found.setdefault(old.ons_id, old)
        return list(found.values())

    def _named_like(self, seat: SeatResult) -> list[SeatResult]:
        """Old seats whose name the new one extends or shortens ("Monmouth" -> "Monmouthshire")."""
        from rapidfuzz import fuzz

        from ..reference.parties import fold

        name = fold(seat.name)
        out = []
        for old in self.ref.previous_actual.values():
            if old.country != seat.country:
                continue
            o = fold(old.name)
            if (name.startswith(o) or o.startswith(name)) and fuzz.ratio(name, o) >= 75:
                out.append(old)
        return out

    def _previous_rows(self, s: Subject, seat: Optional[SeatResult], row: Optional[Candidate]) -> list[tuple[Candidate, SeatResult, str]]:
        """The subject's previous-election rows: (row, seat, baseline)."""
        out = []
        party = s.party or (row.party if row else None)
        if seat is not None and party:
            before = self.ref.previous_result(seat.ons_id)
            prow = before.party_result(party) if before else None
            if prow:
                out.append((prow, before, "previous"))
        if s.person:
            person = self.ref.candidate(s.person)
            prev = person if self.ref.is_previous_actual(s.person) else (
                self.ref.previous_candidacy(person) if person else None)
            if prev is not None:
                out.append((prev, self.ref.previous_actual.get(prev.ons_id), "previous_actual"))
        if party:
            for old in self._old_seats(s, seat):
                orow = old.party_result(party)
                if orow and not any(o[0].key == orow.key for o in out):
                    out.append((orow, old, "previous_actual"))
        return out

    # ------------------------------------------------------------ seat kinds
    def _seat_votes(self, r: Reading, q: Quantity) -> Answer:
        s = r.subject
        seat = self._seat(s)
        if r.era == "previous":
            rows = [x for x in self._previous_rows(s, seat, self._row(s, seat)) if x[0].votes is not None]
            return Answer([Evidence(row.votes, self.ds(b), f"{_cand(row)} in {pseat.name if pseat else row.seat} ({self.lab(b)})",
                                    f"{self.lab(b)} vote for {row.name or display_name(row.party)} in {row.seat}", b)
                           for row, pseat, b in rows])
        if seat is None:
            return Answer([])
        out = []
        if "combined" in r.roles and len(s.parties) >= 2:
            rows = [seat.party_result(p) for p in s.parties]
            if all(rows):
                total = sum(x.votes for x in rows)
                parts = " + ".join(f"{x.party} {x.votes:,}" for x in rows)
                out.append(Evidence(total, self.ds("current"), f"{parts} = {total:,} in {seat.name}",
                                    f"{self.ref.key} combined vote of {', '.join(x.party for x in rows)} in {seat.name}"))
        row = self._row(s, seat)
        if row is not None:
            out.append(Evidence(row.votes, self.ds("current"), f"{_cand(row)} in {seat.name}",
                                f"{self.ref.key} vote for {row.name or display_name(row.party)} ({row.party}) in {seat.name}"))
        for role in r.roles:
            if role.startswith("rank") and role[4:].isdigit():
                n = int(role[4:])
                if n <= len(seat.candidates):
                    c = seat.candidates[n - 1]
                    if row is None or c.key != row.key:
                        out.append(Evidence(c.votes, self.ds("current"), f"{_cand(c)}, placed {n} in {seat.name}",
                                            f"{self.ref.key} vote for the candidate placed {n} in {seat.name}"))
        return Answer(out)

    def _seat_share(self, r: Reading, q: Quantity) -> Answer:
        s = r.subject
        seat = self._seat(s)
        if r.era == "previous":
            rows = [x for x in self._previous_rows(s, seat, self._row(s, seat)) if x[0].share is not None]
            return Answer([Evidence(row.share, self.ds(b),
                                    f"{row.name or display_name(row.party)} {row.share:.2f}% in {row.seat} ({self.lab(b)})",
                                    f"{self.lab(b)} share of {row.name or display_name(row.party)} in {row.seat}", b)
                           for row, pseat, b in rows])
        if seat is None:
            return Answer([])
        out = []
        if "combined" in r.roles and len(s.parties) >= 2:
            rows = [seat.party_result(p) for p in s.parties]
            if all(rows):
                total = sum(x.share for x in rows)
                out.append(Evidence(total, self.ds("current"), " + ".join(f"{x.party} {x.share:.2f}%" for x in rows)
                                    + f" = {total:.2f}% in {seat.name}",
                                    f"{self.ref.key} combined share of {', '.join(x.party for x in rows)} in {seat.name}"))
        row = self._row(s, seat)
        if row is not None:
            who = row.name or display_name(row.party)
            out.append(Evidence(row.share, self.ds("current"),
                                f"{who} ({row.party}) {row.votes:,} of {seat.valid_votes:,} valid votes in {seat.name} = "
                                f"{row.share:.2f}%", f"{self.ref.key} vote share of {who} in {seat.name}"))
            if seat.invalid_votes:
                ballots = seat.valid_votes + seat.invalid_votes
                share = 100.0 * row.votes / ballots
                out.append(Evidence(share, self.ds("current"),
                                    f"{row.votes:,} of {ballots:,} ballots (valid and rejected) = {share:.2f}%",
                                    f"{self.ref.key} share of all ballots for {who} in {seat.name}"))
        return Answer(out)

    def _seat_change(self, r: Reading, q: Quantity) -> Answer:
        s = r.subject
        seat = self._seat(s)
        row = self._row(s, seat)
        if seat is None or row is None or r.era != "current":
            return Answer([])
        out = []
        who = row.name or display_name(row.party)
        prev = self.ref.previous_result(seat.ons_id)
        if row.change is None and prev is not None and prev.party_result(row.party) is None and row.share is not None:
            # a party that did not stand last time: its change is its whole share (the table leaves it empty)
            out.append(Evidence(row.share, self.ds("current"), f"{who} ({row.party}) {row.share:.2f}% in {self.ref.key}; "
                                f"the party had no {self.lab('previous')} vote in {seat.name}, so the change is the "
                                f"whole share", f"change in {row.party} share in {seat.name} (a party new to the seat)",
                                "previous", signed=True))
        if row.change is not None:
            out.append(Evidence(row.change, self.ds("current"),
                                f"{who} ({row.party}) {row.share:.2f}% in {self.lab('current')}, "
                                f"{row.share - row.change:.2f}% on the {self.lab('previous')} result: {row.change:+.2f} points",
                                f"change in {row.party} share in {seat.name} against the {self.lab('previous')} result",
                                "previous", signed=True))
        for prow, pseat, b in self._previous_rows(s, seat, row):
            if b != "previous_actual" or prow.share is None or row.share is None:
                continue
            ch = row.share - prow.share
            out.append(Evidence(ch, self.ds("previous_actual"),
                                f"{row.share:.2f}% in {self.ref.key}, {prow.share:.2f}% in {prow.seat} in {self.ref.previous_key}: {ch:+.2f} points",
                                f"change in {row.party} share against the {self.lab('previous_actual')} result in {prow.seat}", "previous_actual",
                                signed=True))
            break
        out += self._swings(s, seat, row)
        return Answer(out)

    def _swings(self, s: Subject, seat: SeatResult, row: Candidate) -> list[Evidence]:
        """Two-party (Butler) swings between the subject's party and each rival the reading can mean."""
        before = self.ref.previous_result(seat.ons_id)
        if before is None:
            return []
        rivals = []
        other = self.ref.candidate(s.other) if s.other else None
        if other is not None and other.ons_id == seat.ons_id:
            rivals.append(other.party)
        for p in s.parties:
            if p != row.party:
                rivals.append(p)
        for c in seat.candidates[:2]:
            if c.party != row.party:
                rivals.append(c.party)
        n_rivals = [c.party for c in before.candidates[:2] if c.party != row.party]
        rivals += n_rivals
        out = []
        for p in dict.fromkeys(rivals):
            a_now, b_now = seat.party_result(row.party), seat.party_result(p)
            a_old, b_old = before.party_result(row.party), before.party_result(p)
            if not (a_now and b_now):
                continue
            a0 = a_old.share if a_old else 0.0
            b0 = b_old.share if b_old else 0.0
            swing = ((a_now.share - a0) - (b_now.share - b0)) / 2
            out.append(Evidence(swing, self.ds("current"),
                                f"({row.party} {a_now.share:.2f} - {a0:.2f}) - ({p} {b_now.share:.2f} - {b0:.2f}), halved = "
                                f"{swing:+.2f} points", f"two-party swing from {p} to {row.party} in {seat.name} "
                                f"({self.lab('previous')} baseline)", "previous", signed=True))
        return out

    def _seat_votes_change(self, r: Reading, q: Quantity) -> Answer:
        s = r.subject
        seat = self._seat(s)
        row = self._row(s, seat)
        if seat is None or row is None or r.era != "current":
            return Answer([])
        out = []
        for prow, pseat, b in self._previous_rows(s, seat, row):
            if prow.votes is None or row.votes is None:
                continue
            ch = row.votes - prow.votes
            out.append(Evidence(ch, self.ds(b), f"{row.votes:,} in {self.ref.key}, {prow.votes:,} in {prow.seat} ({self.lab(b)}): {ch:+,}",
                                f"change in {row.name or display_name(row.party)}'s vote since the {self.lab(b)} result", b,
                                signed=True))
        return Answer(out)

    def _seat_majority(self, r: Reading, q: Quantity) -> Answer:
        s = r.subject
        seat = self._seat(s)
        if q.unit in ("percent", "points", "fraction"):
            if seat is None:
                return Answer([])
            if r.era == "previous":
                out = []
                for old in self._old_seats(s, seat):
                    if old.majority is not None and old.valid_votes:
                        pct = 100.0 * old.majority / old.valid_votes
                        out.append(Evidence(pct, self.ds("previous_actual"), f"{old.majority:,} of {old.valid_votes:,} "
                                            f"votes = {pct:.2f}%", f"{self.lab('previous_actual')} majority in {old.name} "
                                            f"as a share of the vote", "previous_actual"))
                before = self.ref.previous_result(seat.ons_id)
                if not before:
                    return Answer(out)
                if before.majority is not None and before.valid_votes:
                    pct = 100.0 * before.majority / before.valid_votes
                    out.append(Evidence(pct, self.ds("previous"),
                                        f"{before.majority:,} of {before.valid_votes:,} votes = {pct:.2f}%",
                                        f"{self.lab('previous')} majority in {seat.name} as a share of the vote", "previous"))
                else:
                    lead = _share_lead(before)
                    if lead is not None:
                        out.append(Evidence(lead[0], self.ds("previous"), lead[1],
                                            f"{self.lab('previous')} majority in {seat.name} as a share of the vote",
                                            "previous"))
                out += _absolute_majority(before, self.ds("previous"), self.lab("previous"), seat.name, "previous")
                return Answer(out)
            pct = 100.0 * seat.majority / seat.valid_votes
            out = [Evidence(pct, self.ds("current"), f"{seat.majority:,} of {seat.valid_votes:,} valid votes = {pct:.2f}%",
                            f"{self.ref.key} majority in {seat.name} as a share of the vote")]
            out += _absolute_majority(seat, self.ds("current"), self.ref.key, seat.name)
            return Answer(out)
        if r.era == "previous":
            out = []
            if seat is not None:
                before = self.ref.previous_result(seat.ons_id)
                if before and before.majority is not None:
                    out.append(Evidence(before.majority, self.ds("previous"), majority_detail(before),
                                        f"{self.lab('previous')} majority in {seat.name}", "previous"))
            for old in self._old_seats(s, seat):
                if old.majority is None:
                    continue
                out.append(Evidence(old.majority, self.ds("previous_actual"), majority_detail(old),
                                    f"{self.lab('previous_actual')} majority in {old.name} (old boundaries)", "previous_actual"))
            return Answer(_dedupe(out))
        if seat is None:
            return Answer([])
        out = [Evidence(seat.majority, self.ds("current"), majority_detail(seat), f"{self.ref.key} majority in {seat.name}")]
        subject = self._row(s, seat) if s.level in ("candidate", "party") else None
        other = self.ref.candidate(s.other) if s.other else None
        if subject is not None:
            rivals = []
            if other is not None and other.ons_id == seat.ons_id and other.key != subject.key:
                rivals.append(other)
            if subject.rank > 1:
                rivals.append(seat.winner)
            elif seat.runner_up is not None:
                rivals.append(seat.runner_up)
            for c in seat.candidates:
                if c.rank == subject.rank + 1 or c.rank == subject.rank - 1:
                    rivals.append(c)
            for rival in {c.key: c for c in rivals}.values():
                gap = abs(rival.votes - subject.votes)
                if gap != seat.majority:
                    out.append(Evidence(gap, self.ds("current"), f"{_cand(rival)}; {_cand(subject)}: a gap of {gap:,}",
                                        f"{self.ref.key} gap between {rival.name or rival.party} and {subject.name or subject.party}"))
        return Answer(_dedupe(out))

    def _seat_turnout(self, r: Reading, q: Quantity) -> Answer:
        seat = self._seat(r.subject)
        if seat is None:
            return Answer([])
        if q.unit == "points" or ("delta" in r.roles and r.era == "current"):
            prev = self.ref.previous_result(seat.ons_id)
            before = prev.turnout_valid() if prev is not None else None
            out = []
            for now, how in ((seat.turnout_valid(), "valid votes"), (seat.turnout_ballots(), "all ballots")):
                if now is None or before is None:
                    continue
                ch = now - before
                out.append(Evidence(ch, self.ds("current"), f"{now:.2f}% ({how}) in {self.ref.key}, {before:.2f}% "
                                    f"{self.lab('previous')}: {ch:+.2f} points", f"change in turnout in {seat.name}",
                                    "previous", signed=True))
                if q.unit == "percent":
                    rel = 100.0 * (now - before) / before
                    out.append(Evidence(rel, self.ds("current"), f"({now:.2f} - {before:.2f}) / {before:.2f} = {rel:+.1f}%",
                                        f"relative change in turnout in {seat.name}", "previous", signed=True))
            for old in self._old_seats(r.subject, seat):
                # on valid votes both times (the Commons Library's definition) or on all ballots both times
                for before_actual, now, how in ((old.turnout_valid(), seat.turnout_valid(), "valid votes"),
                                                (old.turnout_ballots(), seat.turnout_ballots(), "all ballots")):
                    if before_actual is None or now is None:
                        continue
                    ch = now - before_actual
                    out.append(Evidence(ch, self.ds("previous_actual"), f"{now:.2f}% in {self.ref.key}, "
                                        f"{before_actual:.2f}% in {old.name} ({self.lab('previous_actual')}), on {how}: "
                                        f"{ch:+.2f} points",
                                        f"change in turnout against {old.name} ({self.lab('previous_actual')})",
                                        "previous_actual", signed=True))
            return Answer(_dedupe(out))
        if r.era == "previous":
            out = []
            before = self.ref.previous_result(seat.ons_id)
            if before is not None and before.electorate and before.valid_votes:
                t = before.turnout_valid()
                out.append(Evidence(t, self.ds("previous"),
                                    f"{before.valid_votes:,} valid votes / {before.electorate:,} electorate = {t:.2f}%",
                                    f"{self.lab('previous')} turnout in {seat.name}", "previous"))
            held = True
            for old in self._old_seats(r.subject, seat):
                for t, how in ((old.turnout_valid(), "valid votes"), (old.turnout_ballots(), "all ballots")):
                    if t is None:
                        held = False
                        continue
                    out.append(Evidence(t, self.ds("previous_actual"), f"{how} over the electorate of {old.name} = {t:.2f}%",
                                        f"{self.lab('previous_actual')} turnout in {old.name} ({how})", "previous_actual"))
                out += _between_definitions(q, old.turnout_valid(), old.turnout_ballots(), self.ds("previous_actual"),
                                            old.name, f"{self.lab('previous_actual')} turnout in {old.name}",
                                            "previous_actual")
            return Answer(_dedupe(out), caveat=None if held else (
                f"the {self.lab('previous_actual')} turnout of the old seat, which the tables do not hold, may be "
                f"the figure the text uses"))
        tv, tb = seat.turnout_valid(), seat.turnout_ballots()
        out = [Evidence(tv, self.ds("current"), f"{seat.valid_votes:,} valid votes / {seat.electorate:,} electorate = {tv:.2f}%",
                        f"{self.ref.key} turnout in {seat.name} (valid votes, the Commons Library definition)")]
        if tb is not None:
            out.append(Evidence(tb, self.ds("current"),
                                f"({seat.valid_votes:,} valid + {seat.invalid_votes:,} rejected) / {seat.electorate:,} = "
                                f"{tb:.2f}%", f"{self.ref.key} turnout in {seat.name} counting rejected ballots"))
        out += _between_definitions(q, tv, tb, self.ds("current"), seat.name, f"{self.ref.key} turnout in {seat.name}")
        return Answer(out)

    def _seat_ballots(self, r: Reading, q: Quantity) -> Answer:
        seat = self._seat(r.subject)
        if seat is None:
            return Answer([])
        if r.era == "previous":
            before = self.ref.previous_result(seat.ons_id)
            out = []
            if before and before.valid_votes is not None:
                out.append(Evidence(before.valid_votes, self.ds("previous"),
                                    f"{before.valid_votes:,} valid votes ({self.lab('previous')})",
                                    f"{self.lab('previous')} valid votes in {seat.name}", "previous"))
            for old in self._old_seats(r.subject, seat):
                if old.valid_votes is None:
                    continue
                out.append(Evidence(old.valid_votes, self.ds("previous_actual"), f"{old.valid_votes:,} valid votes in {old.name}",
                                    f"{self.lab('previous_actual')} valid votes in {old.name}", "previous_actual"))
            return Answer(out)
        if "rejected" in r.roles and seat.invalid_votes is not None:
            # "106 spoilt ballot papers": the ballots the count set aside
            return Answer([Evidence(seat.invalid_votes, self.ds("current"), f"{seat.invalid_votes:,} rejected ballots in "
                                    f"{seat.name}", f"{self.ref.key} rejected ballots in {seat.name}")])
        ballots = seat.valid_votes + (seat.invalid_votes or 0)
        return Answer([Evidence(seat.valid_votes, self.ds("current"), f"{seat.valid_votes:,} valid votes in {seat.name}",
                                f"{self.ref.key} valid votes in {seat.name}"),
                       Evidence(ballots, self.ds("current"),
                                f"{seat.valid_votes:,} valid + {seat.invalid_votes or 0:,} rejected = {ballots:,} ballots",
                                f"{self.ref.key} ballots cast (valid and rejected) in {seat.name}")])

    def _seat_electorate(self, r: Reading, q: Quantity) -> Answer:
        seat = self._seat(r.subject)
        if seat is None:
            return Answer([])
        if r.era == "previous":
            before = self.ref.previous_result(seat.ons_id)
            if before is not None and before.electorate is None:
                return Answer([], f"the {self.lab('previous')} electorate is not held")
            return Answer([Evidence(before.electorate, self.ds("previous"), f"{before.electorate:,} electors",
                                    f"electorate used for the {self.lab('previous')} result in {seat.name}", "previous")]
                          if before else [])
        return Answer([Evidence(seat.electorate, self.ds("current"), f"{seat.electorate:,} electors in {seat.name}",
                                f"{self.ref.key} electorate in {seat.name}")])

    def _seat_candidates(self, r: Reading, q: Quantity) -> Answer:
        seat = self._seat(r.subject)
        if seat is None or r.era != "current":
            return Answer([])
        n = len(seat.candidates)
        out = [Evidence(n, self.ds("current"), f"{n} candidates stood in {seat.name}", f"number of candidates in {seat.name}")]
        if "others" in r.roles:
            # "he beat seven other candidates": everyone but the one the sentence is about
            out.insert(0, Evidence(n - 1, self.ds("current"), f"{n} candidates stood in {seat.name}, so {n - 1} others",
                                   f"number of other candidates in {seat.name}"))
        return Answer(out)

    # ------------------------------------------------------------ wide helpers
    def seats_of(self, s: Subject, election: str = "current") -> tuple[list[str], str]:
        """The seats a wide subject covers in one table, and how to name them."""
        table = agg._table(self.ref, election)
        if s.level == "group":
            if s.group is None:
                return [], "an undefined group"
            key = s.group.model_dump_json()
            if key not in self._groups:
                self._groups[key] = agg.select(self.ref, s.group)
            seats = self._groups[key]
            if election != "current":
                seats = [x for x in seats if x in table]
            return seats, f"the {len(seats)} {s.group.label}"
        if s.level == "nation" and s.nation:
            return agg.seats_in(self.ref, s.nation, election=election), s.nation
        if s.level == "region" and s.region:
            return agg.seats_in(self.ref, region=s.region, election=election), s.region
        if s.level == "place":
            place = self.place(s.place)
            if place is not None and place.kind in ("region", "nation") and election == "previous_actual":
                # a region or a nation is a column of the tables: the old boundaries have it too
                key = "region" if place.kind == "region" else "nation"
                return agg.seats_in(self.ref, election=election, **{key: place.name}), place.name
            # a place is a set of seats on these boundaries: its previous result is the one on them too
            if self._place_seats is None or election == "previous_actual":
                return [], s.place or "the place"
            seats, label = self._place_seats
            return [x for x in seats if x in table], label
        return agg.every_seat(table), "the UK"

    @staticmethod
    def _no_party_total(party: Optional[str]) -> Optional[str]:
        if party == "Ind":
            return "independents are not one party, and the tables cannot tell which independents a total means"
        return None

    # ------------------------------------------------------------ wide kinds
    def _wide_seats(self, r: Reading, q: Quantity) -> Answer:
        s, party = r.subject, r.subject.party
        if party is None:
            return Answer([])
        if self._no_party_total(party):
            return Answer([], self._no_party_total(party))
        name = display_name(party)
        if "second_places" in r.roles:
            seats, label = self.seats_of(s)
            n = sum(1 for o in seats if (st := self.ref.seat(o)) and st.runner_up and st.runner_up.party == party)
            return Answer([Evidence(n, self.ds("current"), f"{name} came second in {n} seats in {label}",
                                    f"seats where {name} came second ({label})")])
        if "mps_lost" in r.roles:
            seats, label = self.seats_of(s)
            chosen = set(seats)
            beaten = [c for c in self.ref.candidates.values() if c.party == party and c.sitting_mp and c.rank > 1
                      and c.ons_id in chosen]
            return Answer([Evidence(len(beaten), self.ds("current"), f"{len(beaten)} {name} MPs who stood again were "
                                    f"defeated", f"sitting {name} MPs defeated in {label}")],
                          caveat="counts of MPs who lost their seats differ with who is counted (retirements, MPs who "
                                 "stood elsewhere, ministers only)")
        if "commons" in r.roles:
            return self._commons(r)
        if r.era == "previous":
            out = []
            for election, ds in (("previous_actual", "previous_actual"), ("previous", "previous")):
                seats, label = self.seats_of(s, election)
                if not seats:
                    continue
                n = agg.seats_won(self.ref, party, seats, election)
                out.append(Evidence(n, self.ds(ds), f"{name} won {n} seats in {label} ({self.lab(election)})",
                                    f"{name} seats in {label} on the {self.lab(election)} result", ds))
                speaker = agg.seats_won(self.ref, "Spk", seats, election) if self._speakers(party, election) else 0
                if speaker:
                    out.append(Evidence(n + speaker, self.ds(ds), f"{n} {name} MPs plus the Speaker, a former {name} "
                                        f"MP ({self.lab(election)})", f"{name} seats in {label} on the "
                                        f"{self.lab(election)} result counting the Speaker", ds))
            return Answer(_dedupe(out))
        seats, label = self.seats_of(s)
        if not seats:
            return Answer([], f"the tables do not say which seats make up {label}")
        now = agg.seats_won(self.ref, party, seats)
        detail = f"{name} won {now} of {len(seats)} seats in {label}"
        if "running" in r.roles and q.value < now <= q.high:
            # "with 641 results declared, the tally stood at 71" (readings/propose.py, running_reach)
            detail += (f"; the text gives a count made while {q.high - q.value:g} results were still to come, "
                       f"which the final {now} does not contradict")
        out = [Evidence(now, self.ds("current"), detail, f"{name} seats won in {self.ref.key} ({label})")]
        speaker = agg.seats_won(self.ref, "Spk", seats)
        if self._speakers(party, "current") and speaker:
            out.append(Evidence(now + speaker, self.ds("current"),
                                f"{now} {name} MPs plus the Speaker, a former {name} MP",
                                f"{name} seats counting the Speaker"))
        return Answer(out)

    def _speakers(self, party: str, election: str) -> bool:
        """Is this the party the Speaker sat for before the chair, at this election (the adapter says)?"""
        return getattr(self.ref, "speaker_party", {}).get(election) == party

    def _commons(self, r: Reading) -> Answer:
        party = r.subject.party
        name = display_name(party)
        seats, _ = self.seats_of(Subject(level="uk"))
        total = len(seats)
        now = agg.seats_won(self.ref, party, seats)
        caveat = ("a Commons majority is counted in more than one way (with or without the Speaker and his deputies, "
                  "and Sinn Féin's seats that are not taken up)")
        if r.era == "previous":
            old = list(self.ref.previous_actual)
            before = agg.seats_won(self.ref, party, old, "previous_actual")
            return Answer([Evidence(2 * before - len(old), self.ds("previous_actual"),
                                    f"{name} {before} of {len(old)} seats in {self.ref.previous_key}: {before} - {len(old) - before}",
                                    f"{name} majority in the Commons after the {self.ref.previous_key} election", "previous_actual")], caveat=caveat)
        out = [Evidence(2 * now - total, self.ds("current"), f"{name} {now} of {total} seats: {now} - {total - now}",
                        f"{name} majority in the Commons after the {self.ref.key} election")]
        speaker = agg.seats_won(self.ref, "Spk", seats)
        if self._speakers(party, "current") and speaker:
            mine = now + speaker
            out.append(Evidence(2 * mine - total, self.ds("current"),
                                f"{now} {name} MPs and the Speaker, {mine} of {total}: {mine} - {total - mine}",
                                f"{name} majority in the Commons counting the Speaker"))
        return Answer(out, caveat=caveat)

    def _seat_changes(self, r: Reading, sign: int) -> Answer:
        s, party = r.subject, r.subject.party
        if party is None or r.era != "current":
            return Answer([])
        name = display_name(party)
        seats, label = self.seats_of(s)
        if not seats:
            return Answer([], f"the tables do not say which seats make up {label}")
        now = agg.seats_won(self.ref, party, seats)
        out = []
        if sign > 0:
            won = agg.gains(self.ref, party, seats)
            out.append(Evidence(len(won), self.ds("current"), f"{len(won)} ({agg.names(self.ref, [o for o, _ in won])})",
                                f"seats {name} gained against the {self.lab('previous')} result, in {label}", "previous"))
        elif sign < 0:
            lost = agg.losses(self.ref, party, seats)
            out.append(Evidence(len(lost), self.ds("current"), f"{len(lost)} ({agg.names(self.ref, [o for o, _ in lost])})",
                                f"seats {name} held on the {self.lab('previous')} result and lost, in {label}", "previous"))
        for election in ("previous_actual", "previous"):
            old_seats, _ = self.seats_of(s, election)
            if not old_seats:
                continue
            before = agg.seats_won(self.ref, party, old_seats, election)
            net = now - before
            value = net if sign == 0 else sign * net
            what = {1: "net seats gained", -1: "net seats lost", 0: "change in seats"}[sign]
            out.append(Evidence(value, self.ds(election), f"{before} on the {self.lab(election)} result, {now} in {self.ref.key}",
                                f"{what} by {name} since the {self.lab(election)} result, in {label}", election,
                                signed=sign == 0))
            if self._speakers(party, "current") and sign >= 0:
                speaker = agg.seats_won(self.ref, "Spk", seats)
                if speaker:
                    v = (now + speaker - before) if sign == 0 else now + speaker - before
                    out.append(Evidence(v, self.ds(election), f"{before} on the {self.lab(election)} result, {now} + the Speaker "
                                        f"in {self.ref.key}", f"{what} by {name} counting the Speaker, since the {self.lab(election)} result",
                                        election, signed=sign == 0))
        return Answer(_dedupe(out))

    def _wide_seat_gain(self, r: Reading, q: Quantity) -> Answer:
        return self._seat_changes(r, 1)

    def _wide_seat_loss(self, r: Reading, q: Quantity) -> Answer:
        return self._seat_changes(r, -1)

    def _wide_seat_net(self, r: Reading, q: Quantity) -> Answer:
        return self._seat_changes(r, 0)

    def _wide_seat_count(self, r: Reading, q: Quantity) -> Answer:
        s = r.subject
        if s.level == "uk" and "set_size" not in r.roles:
            return Answer([])
        if r.era == "previous":
            seats, label = self.seats_of(s, "previous_actual")
            return Answer([Evidence(len(seats), self.ds("previous_actual"), f"{len(seats)} seats in {label} in {self.ref.previous_key}",
                                    f"number of seats in {label} at the {self.ref.previous_key} election", "previous_actual")] if seats else [])
        seats, label = self.seats_of(s)
        if not seats:
            return Answer([], f"the tables do not say which seats make up {label}")
        detail = f"{len(seats)} seats in {label}"
        if s.level in ("group", "place") and len(seats) <= 40:
            detail += f": {agg.names(self.ref, seats)}"
        return Answer([Evidence(len(seats), self.ds("current"), detail, f"number of seats in {label}")])

    def _wide_seat_share(self, r: Reading, q: Quantity) -> Answer:
        s, party = r.subject, r.subject.party
        if party is None or r.era != "current":
            return Answer([])
        seats, label = self.seats_of(s)
        if not seats:
            return Answer([])
        now = agg.seats_won(self.ref, party, seats)
        pct = 100.0 * now / len(seats)
        return Answer([Evidence(pct, self.ds("current"), f"{now} of {len(seats)} seats = {pct:.1f}%",
                                f"{display_name(party)} share of the seats in {label}")])

    def _wide_votes(self, r: Reading, q: Quantity) -> Answer:
        s, party = r.subject, r.subject.party
        if party is None:
            return Answer([])
        if self._no_party_total(party):
            return Answer([], self._no_party_total(party))
        out = []
        elections = ("previous_actual", "previous") if r.era == "previous" else ("current",)
        for election in elections:
            seats, label = self.seats_of(s, election)
            if not seats or not _held(agg._table(self.ref, election), seats):
                continue
            t = agg.total(self.ref, party, seats, election)
            out.append(Evidence(t.votes, self.ds(election), f"{display_name(party)} {t.votes:,} votes in {label}",
                                f"{display_name(party)} {self.lab(election)} vote in {label}",
                                election if r.era == "previous" else None))
            if "combined" in r.roles and len(s.parties) >= 2 and election == "current":
                tot = sum(agg.total(self.ref, p, seats, election).votes for p in s.parties)
                out.append(Evidence(tot, self.ds(election), f"{' + '.join(s.parties)} = {tot:,} votes in {label}",
                                    f"combined vote of {', '.join(s.parties)} in {label}"))
        if not out and r.era == "previous":
            return Answer([], self._previous_not_held(s, "vote"))
        return Answer(_dedupe(out))

    def _wide_share(self, r: Reading, q: Quantity) -> Answer:
        s, party = r.subject, r.subject.party
        if party is None:
            return Answer([])
        if self._no_party_total(party):
            return Answer([], self._no_party_total(party))
        out = []
        elections = ("previous_actual", "previous") if r.era == "previous" else ("current",)
        name = display_name(party)
        for election in elections:
            seats, label = self.seats_of(s, election)
            if not seats or not _held(agg._table(self.ref, election), seats):
                continue
            t = agg.total(self.ref, party, seats, election)
            b = election if r.era == "previous" else None
            out.append(Evidence(t.share, self.ds(election),
                                f"{name} {t.votes:,} of {t.valid:,} valid votes in {label} = {t.share:.2f}%",
                                f"{name} {self.lab(election)} share of the vote in {label}", b))
            if s.level == "uk":
                gb = agg.outside(agg._table(self.ref, election), seats, "Northern Ireland")
                g = agg.total(self.ref, party, gb, election)
                if g.share:
                    out.append(Evidence(g.share, self.ds(election),
                                        f"{name} {g.votes:,} of {g.valid:,} valid votes in Great Britain = {g.share:.2f}%",
                                        f"{name} {self.lab(election)} share of the vote in Great Britain", b))
            if "combined" in r.roles and len(s.parties) >= 2:
                tot = sum(agg.total(self.ref, p, seats, election).votes for p in s.parties)
                share = 100.0 * tot / t.valid if t.valid else 0.0
                out.append(Evidence(share, self.ds(election), f"{' + '.join(s.parties)} {tot:,} of {t.valid:,} = "
                                    f"{share:.2f}% in {label}", f"combined share of {', '.join(s.parties)} in {label}", b))
        if not out and r.era == "previous":
            return Answer([], self._previous_not_held(s, "share of the vote"))
        return Answer(_dedupe(out))

    def _wide_change(self, r: Reading, q: Quantity) -> Answer:
        s, party = r.subject, r.subject.party
        if party is None or r.era != "current":
            return Answer([])
        name = display_name(party)
        seats, label = self.seats_of(s)
        if not seats:
            return Answer([])
        now = agg.total(self.ref, party, seats).share
        if now is None:
            return Answer([])
        out = []
        if s.level == "group":
            mean, n = agg.average_change(self.ref, party, seats)
            if mean is not None:
                out.append(Evidence(mean, self.ds("current"), f"mean change in {name} share over the {n} seats it fought: "
                                    f"{mean:+.2f} points", f"average change in {name} share in {label}",
                                    "previous", signed=True))
        for election in ("previous_actual", "previous"):
            old_seats, _ = self.seats_of(s, election)
            if not old_seats or not _held(agg._table(self.ref, election), old_seats):
                continue
            before = agg.total(self.ref, party, old_seats, election).share or 0.0
            for change, how in ((now - before, ""), (round(now, 1) - round(before, 1), ", from the rounded shares")):
                out.append(Evidence(change, self.ds(election), f"{name} {now:.2f}% in {self.ref.key}, {before:.2f}% in {self.lab(election)}: "
                                    f"{change:+.2f} points{how}",
                                    f"change in {name} share in {label} since the {self.lab(election)} result", election,
                                    signed=True))
            if s.level == "uk":
                # Great Britain rather than the UK: the figure most outlets print for the British parties
                gb_now = agg.outside(self.ref.seats, seats, "Northern Ireland")
                gb_old = agg.outside(agg._table(self.ref, election), old_seats, "Northern Ireland")
                a, b = agg.total(self.ref, party, gb_now).share, agg.total(self.ref, party, gb_old, election).share
                if a is not None and b is not None and gb_now != seats:
                    out.append(Evidence(a - b, self.ds(election), f"{name} {a:.2f}% in Great Britain in {self.ref.key}, "
                                        f"{b:.2f}% in {self.lab(election)}: {a - b:+.2f} points",
                                        f"change in {name} share in Great Britain since the {self.lab(election)} result",
                                        election, signed=True))
        if not out:
            return Answer([], self._previous_not_held(s, "share of the vote") + ", so the change cannot be worked out")
        return Answer(_dedupe(out))

    def _previous_not_held(self, s: Subject, what: str) -> str:
        """Why a previous-election total over many seats cannot be checked: the previous result is held seat by
        seat as shares only (no votes to add up)."""
        _, label = self.seats_of(s, "previous")
        return f"the {self.ref.previous_key} {what} in {label} is not in the reference data"

    def _wide_votes_change(self, r: Reading, q: Quantity) -> Answer:
        s, party = r.subject, r.subject.party
        if party is None or r.era != "current":
            return Answer([])
        seats, label = self.seats_of(s)
        if not seats:
            return Answer([])
        now = agg.total(self.ref, party, seats).votes
        out = []
        for election in ("previous_actual", "previous"):
            old_seats, _ = self.seats_of(s, election)
            if not old_seats or not _held(agg._table(self.ref, election), old_seats):
                continue
            before = agg.total(self.ref, party, old_seats, election).votes
            out.append(Evidence(now - before, self.ds(election), f"{now:,} in {self.ref.key}, {before:,} in {self.lab(election)}: "
                                f"{now - before:+,}", f"change in {display_name(party)} votes in {label} since {self.lab(election)}", election, signed=True))
        return Answer(out)

    def _turnout_over(self, table: dict, seats: list[str]) -> tuple[Optional[float], Optional[float]]:
        """(valid votes, all ballots) over electorate in percent, over those seats of one result; None where not held."""
        return agg.turnout_over(table, seats)

    def _wide_turnout(self, r: Reading, q: Quantity) -> Answer:
        seats, label = self.seats_of(r.subject)
        if not seats:
            return Answer([])
        befores = []
        for role in ("previous", "previous_actual"):
            old_seats, _ = self.seats_of(r.subject, role)
            valid, ballots = self._turnout_over(agg._table(self.ref, role), old_seats)
            for value, how in ((valid, "valid votes"), (ballots, "all ballots")):
                if value is not None:
                    befores.append((value, role, how))
        if r.era == "previous" or q.unit == "points" or "delta" in r.roles:
            if not befores:
                return Answer([], f"the {self.lab('previous')} turnout in {label} is not held")
            out = []
            now_valid, now_ballots = agg.turnout(self.ref, seats)
            for before, role, how in befores:
                if r.era == "previous" and q.unit != "points" and "delta" not in r.roles:
                    out.append(Evidence(before, self.ds(role), f"{how} over electorate in {label} = {before:.2f}% "
                                        f"({self.lab(role)})", f"{self.lab(role)} turnout in {label}", role))
                    continue
                now = now_valid if how == "valid votes" else now_ballots
                out.append(Evidence(now - before, self.ds(role), f"{now:.2f}% in {self.ref.key}, {before:.2f}% "
                                    f"{self.lab(role)} ({how}): {now - before:+.2f} points",
                                    f"change in turnout in {label} since the {self.lab(role)} result", role, signed=True))
            return Answer(_dedupe(out))
        valid, ballots = agg.turnout(self.ref, seats)
        return Answer([Evidence(valid, self.ds("current"), f"valid votes over electorate in {label} = {valid:.2f}%",
                                f"{self.ref.key} turnout in {label} (valid votes, the Commons Library definition)"),
                       Evidence(ballots, self.ds("current"), f"valid and rejected ballots over electorate in {label} = "
                                f"{ballots:.2f}%", f"{self.ref.key} turnout in {label} counting rejected ballots")]
                      + _between_definitions(q, valid, ballots, self.ds("current"), label,
                                             f"{self.ref.key} turnout in {label}"))

    def _wide_ballots(self, r: Reading, q: Quantity) -> Answer:
        seats, label = self.seats_of(r.subject, "previous_actual" if r.era == "previous" else "current")
        if not seats:
            return Answer([])
        if r.era == "previous":
            if not _held(self.ref.previous_actual, seats):
                return Answer([], self._previous_not_held(r.subject, "number of votes cast"))
            cols = agg.columns(self.ref.previous_actual)
            rows = cols.rows(seats, strict=True)
            valid = int(cols.valid[rows].sum())
            out = [Evidence(valid, self.ds("previous_actual"), f"{valid:,} valid votes in {label} in {self.ref.previous_key}",
                            f"{self.ref.previous_key} valid votes in {label}", "previous_actual")]
            if cols.invalid_held[rows].all():
                # "votes polled": the ballots cast, rejected ones too, where the previous table holds them
                ballots = valid + int(cols.invalid[rows].sum())
                out.append(Evidence(ballots, self.ds("previous_actual"), f"{ballots:,} ballots (valid and rejected) in "
                                    f"{label} in {self.ref.previous_key}",
                                    f"{self.ref.previous_key} ballots cast in {label}", "previous_actual"))
            return Answer(out)
        cols = agg.columns(self.ref.seats)
        rows = cols.rows(seats, strict=True)
        if not cols.valid_held[rows].all():
            return Answer([])
        valid = int(cols.valid[rows].sum())
        ballots = valid + int(cols.invalid[rows].sum())  # a seat whose rejected ballots are not held counts none
        return Answer([Evidence(valid, self.ds("current"), f"{valid:,} valid votes in {label}", f"{self.ref.key} valid votes in {label}"),
                       Evidence(ballots, self.ds("current"), f"{ballots:,} ballots (valid and rejected) in {label}",
                                f"{self.ref.key} ballots cast in {label}")])

    def _wide_electorate(self, r: Reading, q: Quantity) -> Answer:
        seats, label = self.seats_of(r.subject)
        if not seats:
            return Answer([])
        if r.era == "previous":
            before = agg.columns(self.ref.previous)
            n = int(before.electorate[before.rows(seats)].sum())  # a seat whose electorate is not held counts none
            out = [Evidence(n, self.ds("previous"), f"{n:,} electors in {label} ({self.lab('previous')})",
                            f"{self.lab('previous')} electorate in {label}", "previous")]
            # the electorate at the previous election itself, on its own boundaries, where the tables hold it
            old_seats, _ = self.seats_of(r.subject, "previous_actual")
            actual = agg.columns(self.ref.previous_actual)
            rows = actual.rows(old_seats)
            held = actual.electorate[rows]
            if old_seats and len(rows) == len(old_seats) and actual.electorate_held[rows].all() and held.all():
                m = int(held.sum())
                out.append(Evidence(m, self.ds("previous_actual"), f"{m:,} electors in {label} "
                                    f"({self.lab('previous_actual')})", f"{self.lab('previous_actual')} electorate in "
                                    f"{label}", "previous_actual"))
            return Answer(_dedupe(out))
        cols = agg.columns(self.ref.seats)
        n = int(cols.electorate[cols.rows(seats, strict=True)].sum())  # a seat whose electorate is not held counts none
        return Answer([Evidence(n, self.ds("current"), f"{n:,} electors in {label}", f"{self.ref.key} electorate in {label}")])

    def _wide_candidates(self, r: Reading, q: Quantity) -> Answer:
        s = r.subject
        if r.era != "current":
            return Answer([])
        seats, label = self.seats_of(s)
        if not seats:
            return Answer([])
        if s.party:
            n = sum(1 for o in seats for c in self.ref.seats[o].candidates if c.party == s.party)
            return Answer([Evidence(n, self.ds("current"), f"{display_name(s.party)} stood {n} candidates in {label}",
                                    f"{display_name(s.party)} candidates in {label}")])
        n = sum(len(self.ref.seats[o].candidates) for o in seats)
        return Answer([Evidence(n, self.ds("current"), f"{n} candidates stood in {label}", f"candidates in {label}")])

    def _wide_majority(self, r: Reading, q: Quantity) -> Answer:
        if "commons" in r.roles and r.subject.party and r.subject.level == "uk" and q.unit == "count":
            return self._commons(r)
        return Answer([])


def _dedupe(values: list[Evidence]) -> list[Evidence]:
    """Each (value, dataset) once: two baselines agreeing need not be listed twice."""
    seen, out = set(), []
    for e in values:
        k = (round(e.value, 6), e.dataset, e.label)
        if k not in seen:
            seen.add(k)
            out.append(e)
    return out

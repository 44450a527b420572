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
from ..reference import DATASETS
from ..reference import aggregate as agg
from ..reference.parties import display_name
from ..reference.records import Candidate, SeatResult


@dataclass
class Evidence:
    value: float
    dataset: str
    detail: str
    label: str  # "2024 majority in Leicester South"
    baseline: Optional[str] = None  # "notional 2019" or "2019" for a previous-election value
    signed: bool = False  # a change: compare signs only when the text gives one


@dataclass
class Answer:
    values: list[Evidence]
    note: Optional[str] = None  # why the tables cannot settle it, when they cannot
    caveat: Optional[str] = None  # why even a mismatch must stay unverifiable


def _cand(c: Candidate) -> str:
    return f"{c.name}, {c.party}, {c.votes:,}" if c.first_name else f"{c.party_name}, {c.votes:,}"


def majority_detail(seat: SeatResult) -> str:
    parts = [_cand(seat.winner)]
    if seat.runner_up:
        parts.append(_cand(seat.runner_up))
    return f"{seat.majority:,} ({'; '.join(parts)})"


class EvidenceFinder:
    """Official values for readings, from one reference adapter."""

    def __init__(self, ref, places=None):
        self.ref = ref
        self.places = places
        self._groups: dict[str, list[str]] = {}

    # ------------------------------------------------------------ entry
    def answer(self, r: Reading, q: Quantity) -> Answer:
        if r.era in ("other", "forecast"):
            return Answer([])
        wide = r.subject.level in ("uk", "nation", "region", "place", "group")
        name = f"_{'wide' if wide else 'seat'}_{r.kind}"
        fn = getattr(self, name, None)
        if fn is None:
            return Answer([], f"figures read as {r.kind.replace('_', ' ')} cannot be checked against these tables")
        return fn(r, q)

    # ------------------------------------------------------------ seat helpers
    def _seat(self, s: Subject) -> Optional[SeatResult]:
        return self.ref.seat(s.ons_id) if s.ons_id else None

    def _row(self, s: Subject, seat: Optional[SeatResult]) -> Optional[Candidate]:
        """The subject's own row in its seat: the candidate, or the party's one candidate."""
        if seat is None:
            return None
        if s.person and not s.person.startswith("2019:"):
            c = self.ref.candidate(s.person)
            return c if c and c.ons_id == seat.ons_id else None
        if s.party:
            rows = [c for c in seat.candidates if c.party == s.party]
            return rows[0] if len(rows) == 1 else None
        return None

    def _old_seats(self, s: Subject, seat: Optional[SeatResult]) -> list[SeatResult]:
        found: dict[str, SeatResult] = {}
        for ons in s.old_seats:
            old = self.ref.seats_2019.get(ons)
            if old:
                found[ons] = old
        if s.person:
            person = self.ref.candidate(s.person)
            if person is not None:
                if s.person.startswith("2019:"):
                    old = self.ref.seats_2019.get(person.ons_id)
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
        for old in self.ref.seats_2019.values():
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
            notional = self.ref.notional_result(seat.ons_id)
            prow = notional.party_result(party) if notional else None
            if prow:
                out.append((prow, notional, "notional 2019"))
        if s.person:
            person = self.ref.candidate(s.person)
            prev = person if s.person.startswith("2019:") else (
                self.ref.previous_candidacy(person) if person else None)
            if prev is not None:
                out.append((prev, self.ref.seats_2019.get(prev.ons_id), "2019"))
        if party:
            for old in self._old_seats(s, seat):
                orow = old.party_result(party)
                if orow and not any(o[0].key == orow.key for o in out):
                    out.append((orow, old, "2019"))
        return out

    # ------------------------------------------------------------ seat kinds
    def _seat_votes(self, r: Reading, q: Quantity) -> Answer:
        s = r.subject
        seat = self._seat(s)
        if r.era == "previous":
            rows = self._previous_rows(s, seat, self._row(s, seat))
            return Answer([Evidence(row.votes, DATASETS[b], f"{_cand(row)} in {pseat.name if pseat else row.seat} ({b})",
                                    f"{b} vote for {row.name or display_name(row.party)} in {row.seat}", b)
                           for row, pseat, b in rows])
        if seat is None:
            return Answer([])
        out = []
        if "combined" in r.roles and len(s.parties) >= 2:
            rows = [seat.party_result(p) for p in s.parties]
            if all(rows):
                total = sum(x.votes for x in rows)
                parts = " + ".join(f"{x.party} {x.votes:,}" for x in rows)
                out.append(Evidence(total, DATASETS["2024"], f"{parts} = {total:,} in {seat.name}",
                                    f"2024 combined vote of {', '.join(x.party for x in rows)} in {seat.name}"))
        row = self._row(s, seat)
        if row is not None:
            out.append(Evidence(row.votes, DATASETS["2024"], f"{_cand(row)} in {seat.name}",
                                f"2024 vote for {row.name or display_name(row.party)} ({row.party}) in {seat.name}"))
        for role in r.roles:
            if role.startswith("rank") and role[4:].isdigit():
                n = int(role[4:])
                if n <= len(seat.candidates):
                    c = seat.candidates[n - 1]
                    if row is None or c.key != row.key:
                        out.append(Evidence(c.votes, DATASETS["2024"], f"{_cand(c)}, placed {n} in {seat.name}",
                                            f"2024 vote for the candidate placed {n} in {seat.name}"))
        return Answer(out)

    def _seat_share(self, r: Reading, q: Quantity) -> Answer:
        s = r.subject
        seat = self._seat(s)
        if r.era == "previous":
            rows = self._previous_rows(s, seat, self._row(s, seat))
            return Answer([Evidence(row.share, DATASETS[b],
                                    f"{row.name or display_name(row.party)} {row.share:.2f}% in {row.seat} ({b})",
                                    f"{b} share of {row.name or display_name(row.party)} in {row.seat}", b)
                           for row, pseat, b in rows])
        if seat is None:
            return Answer([])
        out = []
        if "combined" in r.roles and len(s.parties) >= 2:
            rows = [seat.party_result(p) for p in s.parties]
            if all(rows):
                total = sum(x.share for x in rows)
                out.append(Evidence(total, DATASETS["2024"], " + ".join(f"{x.party} {x.share:.2f}%" for x in rows)
                                    + f" = {total:.2f}% in {seat.name}",
                                    f"2024 combined share of {', '.join(x.party for x in rows)} in {seat.name}"))
        row = self._row(s, seat)
        if row is not None:
            who = row.name or display_name(row.party)
            out.append(Evidence(row.share, DATASETS["2024"],
                                f"{who} ({row.party}) {row.votes:,} of {seat.valid_votes:,} valid votes in {seat.name} = "
                                f"{row.share:.2f}%", f"2024 vote share of {who} in {seat.name}"))
            if seat.invalid_votes:
                ballots = seat.valid_votes + seat.invalid_votes
                share = 100.0 * row.votes / ballots
                out.append(Evidence(share, DATASETS["2024"],
                                    f"{row.votes:,} of {ballots:,} ballots (valid and rejected) = {share:.2f}%",
                                    f"2024 share of all ballots for {who} in {seat.name}"))
        return Answer(out)

    def _seat_change(self, r: Reading, q: Quantity) -> Answer:
        s = r.subject
        seat = self._seat(s)
        row = self._row(s, seat)
        if seat is None or row is None or r.era != "current":
            return Answer([])
        out = []
        who = row.name or display_name(row.party)
        if row.change is not None:
            out.append(Evidence(row.change, DATASETS["2024"],
                                f"{who} ({row.party}) {row.share:.2f}% in 2024, {row.share - row.change:.2f}% on the notional "
                                f"2019 result: {row.change:+.2f} points",
                                f"change in {row.party} share in {seat.name} against the notional 2019 result",
                                "notional 2019", signed=True))
        for prow, pseat, b in self._previous_rows(s, seat, row):
            if b != "2019":
                continue
            ch = row.share - prow.share
            out.append(Evidence(ch, DATASETS["2019"],
                                f"{row.share:.2f}% in 2024, {prow.share:.2f}% in {prow.seat} in 2019: {ch:+.2f} points",
                                f"change in {row.party} share against the actual 2019 result in {prow.seat}", "2019",
                                signed=True))
            break
        out += self._swings(s, seat, row)
        return Answer(out)

    def _swings(self, s: Subject, seat: SeatResult, row: Candidate) -> list[Evidence]:
        """Two-party (Butler) swings between the subject's party and each rival the reading can mean."""
        notional = self.ref.notional_result(seat.ons_id)
        if notional is None:
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
        n_rivals = [c.party for c in notional.candidates[:2] if c.party != row.party]
        rivals += n_rivals
        out = []
        for p in dict.fromkeys(rivals):
            a_now, b_now = seat.party_result(row.party), seat.party_result(p)
            a_old, b_old = notional.party_result(row.party), notional.party_result(p)
            if not (a_now and b_now):
                continue
            a0 = a_old.share if a_old else 0.0
            b0 = b_old.share if b_old else 0.0
            swing = ((a_now.share - a0) - (b_now.share - b0)) / 2
            out.append(Evidence(swing, DATASETS["2024"],
                                f"({row.party} {a_now.share:.2f} - {a0:.2f}) - ({p} {b_now.share:.2f} - {b0:.2f}), halved = "
                                f"{swing:+.2f} points", f"two-party swing from {p} to {row.party} in {seat.name} "
                                f"(notional 2019 baseline)", "notional 2019", signed=True))
        return out

    def _seat_votes_change(self, r: Reading, q: Quantity) -> Answer:
        s = r.subject
        seat = self._seat(s)
        row = self._row(s, seat)
        if seat is None or row is None or r.era != "current":
            return Answer([])
        out = []
        for prow, pseat, b in self._previous_rows(s, seat, row):
            ch = row.votes - prow.votes
            out.append(Evidence(ch, DATASETS[b], f"{row.votes:,} in 2024, {prow.votes:,} in {prow.seat} ({b}): {ch:+,}",
                                f"change in {row.name or display_name(row.party)}'s vote since the {b} result", b,
                                signed=True))
        return Answer(out)

    def _seat_majority(self, r: Reading, q: Quantity) -> Answer:
        s = r.subject
        seat = self._seat(s)
        if q.unit in ("percent", "points", "fraction"):
            if seat is None:
                return Answer([])
            if r.era == "previous":
                notional = self.ref.notional_result(seat.ons_id)
                if not notional:
                    return Answer([])
                pct = 100.0 * notional.majority / notional.valid_votes
                return Answer([Evidence(pct, DATASETS["notional 2019"],
                                        f"{notional.majority:,} of {notional.valid_votes:,} votes = {pct:.2f}%",
                                        f"notional 2019 majority in {seat.name} as a share of the vote", "notional 2019")])
            pct = 100.0 * seat.majority / seat.valid_votes
            out = [Evidence(pct, DATASETS["2024"], f"{seat.majority:,} of {seat.valid_votes:,} valid votes = {pct:.2f}%",
                            f"2024 majority in {seat.name} as a share of the vote")]
            return Answer(out)
        if r.era == "previous":
            out = []
            if seat is not None:
                notional = self.ref.notional_result(seat.ons_id)
                if notional:
                    out.append(Evidence(notional.majority, DATASETS["notional 2019"], majority_detail(notional),
                                        f"notional 2019 majority in {seat.name}", "notional 2019"))
            for old in self._old_seats(s, seat):
                out.append(Evidence(old.majority, DATASETS["2019"], majority_detail(old),
                                    f"actual 2019 majority in {old.name} (old boundaries)", "2019"))
            return Answer(_dedupe(out))
        if seat is None:
            return Answer([])
        out = [Evidence(seat.majority, DATASETS["2024"], majority_detail(seat), f"2024 majority in {seat.name}")]
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
                    out.append(Evidence(gap, DATASETS["2024"], f"{_cand(rival)}; {_cand(subject)}: a gap of {gap:,}",
                                        f"2024 gap between {rival.name or rival.party} and {subject.name or subject.party}"))
        return Answer(_dedupe(out))

    def _seat_turnout(self, r: Reading, q: Quantity) -> Answer:
        seat = self._seat(r.subject)
        if seat is None:
            return Answer([])
        if q.unit == "points" or ("delta" in r.roles and r.era == "current"):
            notional = self.ref.notional_result(seat.ons_id)
            if not notional or not seat.electorate:
                return Answer([])
            out = []
            before = notional.turnout_valid()
            for now, how in ((seat.turnout_valid(), "valid votes"), (seat.turnout_ballots(), "all ballots")):
                if now is None:
                    continue
                ch = now - before
                out.append(Evidence(ch, DATASETS["2024"], f"{now:.2f}% ({how}) in 2024, {before:.2f}% "
                                    f"notional 2019: {ch:+.2f} points", f"change in turnout in {seat.name}",
                                    "notional 2019", signed=True))
                if q.unit == "percent":
                    rel = 100.0 * (now - before) / before
                    out.append(Evidence(rel, DATASETS["2024"], f"({now:.2f} - {before:.2f}) / {before:.2f} = {rel:+.1f}%",
                                        f"relative change in turnout in {seat.name}", "notional 2019", signed=True))
            return Answer(out, caveat="the actual 2019 turnout of the old seat, which the tables cannot give, may be "
                                      "the baseline the text uses")
        if r.era == "previous":
            notional = self.ref.notional_result(seat.ons_id)
            if not notional:
                return Answer([])
            t = notional.turnout_valid()
            return Answer([Evidence(t, DATASETS["notional 2019"],
                                    f"{notional.valid_votes:,} valid votes / {notional.electorate:,} electorate = {t:.2f}%",
                                    f"notional 2019 turnout in {seat.name}", "notional 2019")],
                          caveat="the figure may be the old seat's actual 2019 turnout, which the actual 2019 table "
                                 "cannot give (it has no electorate)")
        tv, tb = seat.turnout_valid(), seat.turnout_ballots()
        out = [Evidence(tv, DATASETS["2024"], f"{seat.valid_votes:,} valid votes / {seat.electorate:,} electorate = {tv:.2f}%",
                        f"2024 turnout in {seat.name} (valid votes, the Commons Library definition)")]
        if tb is not None:
            out.append(Evidence(tb, DATASETS["2024"],
                                f"({seat.valid_votes:,} valid + {seat.invalid_votes:,} rejected) / {seat.electorate:,} = "
                                f"{tb:.2f}%", f"2024 turnout in {seat.name} counting rejected ballots"))
        return Answer(out)

    def _seat_ballots(self, r: Reading, q: Quantity) -> Answer:
        seat = self._seat(r.subject)
        if seat is None:
            return Answer([])
        if r.era == "previous":
            notional = self.ref.notional_result(seat.ons_id)
            out = []
            if notional:
                out.append(Evidence(notional.valid_votes, DATASETS["notional 2019"],
                                    f"{notional.valid_votes:,} valid votes (notional 2019)",
                                    f"notional 2019 valid votes in {seat.name}", "notional 2019"))
            for old in self._old_seats(r.subject, seat):
                out.append(Evidence(old.valid_votes, DATASETS["2019"], f"{old.valid_votes:,} valid votes in {old.name}",
                                    f"actual 2019 valid votes in {old.name}", "2019"))
            return Answer(out)
        ballots = seat.valid_votes + (seat.invalid_votes or 0)
        return Answer([Evidence(seat.valid_votes, DATASETS["2024"], f"{seat.valid_votes:,} valid votes in {seat.name}",
                                f"2024 valid votes in {seat.name}"),
                       Evidence(ballots, DATASETS["2024"],
                                f"{seat.valid_votes:,} valid + {seat.invalid_votes or 0:,} rejected = {ballots:,} ballots",
                                f"2024 ballots cast (valid and rejected) in {seat.name}")])

    def _seat_electorate(self, r: Reading, q: Quantity) -> Answer:
        seat = self._seat(r.subject)
        if seat is None:
            return Answer([])
        if r.era == "previous":
            notional = self.ref.notional_result(seat.ons_id)
            return Answer([Evidence(notional.electorate, DATASETS["notional 2019"], f"{notional.electorate:,} electors",
                                    f"electorate used for the notional 2019 result in {seat.name}", "notional 2019")]
                          if notional else [])
        return Answer([Evidence(seat.electorate, DATASETS["2024"], f"{seat.electorate:,} electors in {seat.name}",
                                f"2024 electorate in {seat.name}")])

    def _seat_candidates(self, r: Reading, q: Quantity) -> Answer:
        seat = self._seat(r.subject)
        if seat is None or r.era != "current":
            return Answer([])
        n = len(seat.candidates)
        out = [Evidence(n, DATASETS["2024"], f"{n} candidates stood in {seat.name}", f"number of candidates in {seat.name}")]
        if "others" in r.roles:
            # "he beat seven other candidates": everyone but the one the sentence is about
            out.insert(0, Evidence(n - 1, DATASETS["2024"], f"{n} candidates stood in {seat.name}, so {n - 1} others",
                                   f"number of other candidates in {seat.name}"))
        return Answer(out)

    # ------------------------------------------------------------ wide helpers
    def seats_of(self, s: Subject, election: str = "2024") -> tuple[list[str], str]:
        """The seats a wide subject covers in one table, and how to name them."""
        table = agg._table(self.ref, election)
        if s.level == "group":
            if s.group is None:
                return [], "an undefined group"
            key = s.group.model_dump_json()
            if key not in self._groups:
                self._groups[key] = agg.select(self.ref, s.group)
            seats = self._groups[key]
            if election != "2024":
                seats = [x for x in seats if x in table]
            return seats, f"the {len(seats)} {s.group.label}"
        if s.level == "nation" and s.nation:
            return agg.seats_in(self.ref, s.nation, election=election), s.nation
        if s.level == "region" and s.region:
            return agg.seats_in(self.ref, region=s.region, election=election), s.region
        if s.level == "place" and s.place and self.places is not None:
            place = self.places.get(s.place)
            if place is None or election != "2024":
                return [], s.place
            return sorted(place.seats), s.place
        return list(table), "the UK"

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
            return Answer([Evidence(n, DATASETS["2024"], f"{name} came second in {n} seats in {label}",
                                    f"seats where {name} came second ({label})")])
        if "mps_lost" in r.roles:
            seats, label = self.seats_of(s)
            chosen = set(seats)
            beaten = [c for c in self.ref.candidates.values() if c.party == party and c.sitting_mp and c.rank > 1
                      and c.ons_id in chosen]
            return Answer([Evidence(len(beaten), DATASETS["2024"], f"{len(beaten)} {name} MPs who stood again were "
                                    f"defeated", f"sitting {name} MPs defeated in {label}")],
                          caveat="counts of MPs who lost their seats differ with who is counted (retirements, MPs who "
                                 "stood elsewhere, ministers only)")
        if "commons" in r.roles:
            return self._commons(r)
        if r.era == "previous":
            out = []
            for election, ds in (("2019", "2019"), ("notional 2019", "notional 2019")):
                seats, label = self.seats_of(s, election)
                if not seats:
                    continue
                n = agg.seats_won(self.ref, party, seats, election)
                out.append(Evidence(n, DATASETS[ds], f"{name} won {n} seats in {label} ({election})",
                                    f"{name} seats in {label} on the {election} result", ds))
            return Answer(_dedupe(out))
        seats, label = self.seats_of(s)
        if not seats:
            return Answer([], f"the tables do not say which seats make up {label}")
        now = agg.seats_won(self.ref, party, seats)
        out = [Evidence(now, DATASETS["2024"], f"{name} won {now} of {len(seats)} seats in {label}",
                        f"{name} seats won in 2024 ({label})")]
        speaker = agg.seats_won(self.ref, "Spk", seats)
        if party == "Lab" and speaker:
            out.append(Evidence(now + speaker, DATASETS["2024"],
                                f"{now} Labour and Labour Co-operative MPs plus the Speaker, a former Labour MP",
                                "Labour seats counting the Speaker"))
        if "subset" in r.roles or "set_size" in r.roles:
            pass
        return Answer(out)

    def _commons(self, r: Reading) -> Answer:
        s, party = r.subject, r.subject.party
        name = display_name(party)
        seats, _ = self.seats_of(Subject(level="uk"))
        total = len(seats)
        now = agg.seats_won(self.ref, party, seats)
        caveat = ("a Commons majority is counted in more than one way (with or without the Speaker and his deputies, "
                  "and Sinn Féin's seats that are not taken up)")
        if r.era == "previous":
            old = list(self.ref.seats_2019)
            before = agg.seats_won(self.ref, party, old, "2019")
            return Answer([Evidence(2 * before - len(old), DATASETS["2019"],
                                    f"{name} {before} of {len(old)} seats in 2019: {before} - {len(old) - before}",
                                    f"{name} majority in the Commons after the 2019 election", "2019")], caveat=caveat)
        out = [Evidence(2 * now - total, DATASETS["2024"], f"{name} {now} of {total} seats: {now} - {total - now}",
                        f"{name} majority in the Commons after the 2024 election")]
        speaker = agg.seats_won(self.ref, "Spk", seats)
        if party == "Lab" and speaker:
            mine = now + speaker
            out.append(Evidence(2 * mine - total, DATASETS["2024"],
                                f"{now} Labour MPs and the Speaker, {mine} of {total}: {mine} - {total - mine}",
                                "Labour majority in the Commons counting the Speaker"))
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
            out.append(Evidence(len(won), DATASETS["2024"], f"{len(won)} ({agg.names(self.ref, [o for o, _ in won])})",
                                f"seats {name} gained against the notional 2019 result, in {label}", "notional 2019"))
        elif sign < 0:
            lost = agg.losses(self.ref, party, seats)
            out.append(Evidence(len(lost), DATASETS["2024"], f"{len(lost)} ({agg.names(self.ref, [o for o, _ in lost])})",
                                f"seats {name} held on the notional 2019 result and lost, in {label}", "notional 2019"))
        for election in ("2019", "notional 2019"):
            old_seats, _ = self.seats_of(s, election)
            if not old_seats:
                continue
            before = agg.seats_won(self.ref, party, old_seats, election)
            net = now - before
            value = net if sign == 0 else sign * net
            what = {1: "net seats gained", -1: "net seats lost", 0: "change in seats"}[sign]
            out.append(Evidence(value, DATASETS[election], f"{before} on the {election} result, {now} in 2024",
                                f"{what} by {name} since the {election} result, in {label}", election,
                                signed=sign == 0))
            if party == "Lab" and sign >= 0:
                speaker = agg.seats_won(self.ref, "Spk", seats)
                if speaker:
                    v = (now + speaker - before) if sign == 0 else now + speaker - before
                    out.append(Evidence(v, DATASETS[election], f"{before} on the {election} result, {now} + the Speaker "
                                        f"in 2024", f"{what} by Labour counting the Speaker, since the {election} result",
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
            seats, label = self.seats_of(s, "2019")
            return Answer([Evidence(len(seats), DATASETS["2019"], f"{len(seats)} seats in {label} in 2019",
                                    f"number of seats in {label} at the 2019 election", "2019")] if seats else [])
        seats, label = self.seats_of(s)
        if not seats:
            return Answer([], f"the tables do not say which seats make up {label}")
        detail = f"{len(seats)} seats in {label}"
        if s.level in ("group", "place") and len(seats) <= 40:
            detail += f": {agg.names(self.ref, seats)}"
        return Answer([Evidence(len(seats), DATASETS["2024"], detail, f"number of seats in {label}")])

    def _wide_seat_share(self, r: Reading, q: Quantity) -> Answer:
        s, party = r.subject, r.subject.party
        if party is None or r.era != "current":
            return Answer([])
        seats, label = self.seats_of(s)
        if not seats:
            return Answer([])
        now = agg.seats_won(self.ref, party, seats)
        pct = 100.0 * now / len(seats)
        return Answer([Evidence(pct, DATASETS["2024"], f"{now} of {len(seats)} seats = {pct:.1f}%",
                                f"{display_name(party)} share of the seats in {label}")])

    def _wide_votes(self, r: Reading, q: Quantity) -> Answer:
        s, party = r.subject, r.subject.party
        if party is None:
            return Answer([])
        if self._no_party_total(party):
            return Answer([], self._no_party_total(party))
        out = []
        elections = ("2019", "notional 2019") if r.era == "previous" else ("2024",)
        for election in elections:
            seats, label = self.seats_of(s, election)
            if not seats:
                continue
            t = agg.total(self.ref, party, seats, election)
            out.append(Evidence(t.votes, DATASETS[election], f"{display_name(party)} {t.votes:,} votes in {label}",
                                f"{display_name(party)} {election} vote in {label}",
                                election if r.era == "previous" else None))
            if "combined" in r.roles and len(s.parties) >= 2 and election == "2024":
                tot = sum(agg.total(self.ref, p, seats, election).votes for p in s.parties)
                out.append(Evidence(tot, DATASETS[election], f"{' + '.join(s.parties)} = {tot:,} votes in {label}",
                                    f"combined vote of {', '.join(s.parties)} in {label}"))
        return Answer(_dedupe(out))

    def _wide_share(self, r: Reading, q: Quantity) -> Answer:
        s, party = r.subject, r.subject.party
        if party is None:
            return Answer([])
        if self._no_party_total(party):
            return Answer([], self._no_party_total(party))
        out = []
        elections = ("2019", "notional 2019") if r.era == "previous" else ("2024",)
        name = display_name(party)
        for election in elections:
            seats, label = self.seats_of(s, election)
            if not seats:
                continue
            t = agg.total(self.ref, party, seats, election)
            b = election if r.era == "previous" else None
            out.append(Evidence(t.share, DATASETS[election],
                                f"{name} {t.votes:,} of {t.valid:,} valid votes in {label} = {t.share:.2f}%",
                                f"{name} {election} share of the vote in {label}", b))
            if s.level == "uk":
                gb = [o for o in seats if agg._table(self.ref, election)[o].country != "Northern Ireland"]
                g = agg.total(self.ref, party, gb, election)
                if g.share:
                    out.append(Evidence(g.share, DATASETS[election],
                                        f"{name} {g.votes:,} of {g.valid:,} valid votes in Great Britain = {g.share:.2f}%",
                                        f"{name} {election} share of the vote in Great Britain", b))
            if "combined" in r.roles and len(s.parties) >= 2:
                tot = sum(agg.total(self.ref, p, seats, election).votes for p in s.parties)
                share = 100.0 * tot / t.valid if t.valid else 0.0
                out.append(Evidence(share, DATASETS[election], f"{' + '.join(s.parties)} {tot:,} of {t.valid:,} = "
                                    f"{share:.2f}% in {label}", f"combined share of {', '.join(s.parties)} in {label}", b))
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
                out.append(Evidence(mean, DATASETS["2024"], f"mean change in {name} share over the {n} seats it fought: "
                                    f"{mean:+.2f} points", f"average change in {name} share in {label}",
                                    "notional 2019", signed=True))
        for election in ("2019", "notional 2019"):
            old_seats, _ = self.seats_of(s, election)
            if not old_seats:
                continue
            before = agg.total(self.ref, party, old_seats, election).share or 0.0
            for change, how in ((now - before, ""), (round(now, 1) - round(before, 1), ", from the rounded shares")):
                out.append(Evidence(change, DATASETS[election], f"{name} {now:.2f}% in 2024, {before:.2f}% in {election}: "
                                    f"{change:+.2f} points{how}",
                                    f"change in {name} share in {label} since the {election} result", election,
                                    signed=True))
        return Answer(_dedupe(out))

    def _wide_votes_change(self, r: Reading, q: Quantity) -> Answer:
        s, party = r.subject, r.subject.party
        if party is None or r.era != "current":
            return Answer([])
        seats, label = self.seats_of(s)
        if not seats:
            return Answer([])
        now = agg.total(self.ref, party, seats).votes
        out = []
        for election in ("2019", "notional 2019"):
            old_seats, _ = self.seats_of(s, election)
            if not old_seats:
                continue
            before = agg.total(self.ref, party, old_seats, election).votes
            out.append(Evidence(now - before, DATASETS[election], f"{now:,} in 2024, {before:,} in {election}: "
                                f"{now - before:+,}", f"change in {display_name(party)} votes in {label} since "
                                f"{election}", election, signed=True))
        return Answer(out)

    def _wide_turnout(self, r: Reading, q: Quantity) -> Answer:
        seats, label = self.seats_of(r.subject)
        if not seats:
            return Answer([])
        if r.era == "previous" or q.unit == "points":
            keys = [o for o in seats if o in self.ref.notional]
            valid = sum(self.ref.notional[o].valid_votes for o in keys)
            electorate = sum(self.ref.notional[o].electorate or 0 for o in keys)
            before = 100.0 * valid / electorate if electorate else None
            if before is None:
                return Answer([])
            if q.unit == "points":
                now, _ = agg.turnout(self.ref, seats)
                return Answer([Evidence(now - before, DATASETS["2024"], f"{now:.2f}% in 2024, {before:.2f}% notional "
                                        f"2019: {now - before:+.2f} points", f"change in turnout in {label}",
                                        "notional 2019", signed=True)])
            return Answer([Evidence(before, DATASETS["notional 2019"], f"valid votes over electorate in {label} = "
                                    f"{before:.2f}% (notional 2019)", f"notional 2019 turnout in {label}",
                                    "notional 2019")],
                          caveat="the figure may be the actual 2019 turnout, which the actual 2019 table cannot give "
                                 "(it has no electorate)")
        valid, ballots = agg.turnout(self.ref, seats)
        return Answer([Evidence(valid, DATASETS["2024"], f"valid votes over electorate in {label} = {valid:.2f}%",
                                f"2024 turnout in {label} (valid votes, the Commons Library definition)"),
                       Evidence(ballots, DATASETS["2024"], f"valid and rejected ballots over electorate in {label} = "
                                f"{ballots:.2f}%", f"2024 turnout in {label} counting rejected ballots")])

    def _wide_ballots(self, r: Reading, q: Quantity) -> Answer:
        seats, label = self.seats_of(r.subject, "2019" if r.era == "previous" else "2024")
        if not seats:
            return Answer([])
        if r.era == "previous":
            valid = sum(self.ref.seats_2019[o].valid_votes for o in seats)
            return Answer([Evidence(valid, DATASETS["2019"], f"{valid:,} valid votes in {label} in 2019",
                                    f"2019 valid votes in {label}", "2019")])
        valid = sum(self.ref.seats[o].valid_votes for o in seats)
        ballots = valid + sum(self.ref.seats[o].invalid_votes or 0 for o in seats)
        return Answer([Evidence(valid, DATASETS["2024"], f"{valid:,} valid votes in {label}", f"2024 valid votes in {label}"),
                       Evidence(ballots, DATASETS["2024"], f"{ballots:,} ballots (valid and rejected) in {label}",
                                f"2024 ballots cast in {label}")])

    def _wide_electorate(self, r: Reading, q: Quantity) -> Answer:
        seats, label = self.seats_of(r.subject)
        if not seats:
            return Answer([])
        if r.era == "previous":
            n = sum(self.ref.notional[o].electorate or 0 for o in seats if o in self.ref.notional)
            return Answer([Evidence(n, DATASETS["notional 2019"], f"{n:,} electors in {label} (notional 2019)",
                                    f"notional 2019 electorate in {label}", "notional 2019")])
        n = sum(self.ref.seats[o].electorate or 0 for o in seats)
        return Answer([Evidence(n, DATASETS["2024"], f"{n:,} electors in {label}", f"2024 electorate in {label}")])

    def _wide_candidates(self, r: Reading, q: Quantity) -> Answer:
        s = r.subject
        if r.era != "current":
            return Answer([])
        seats, label = self.seats_of(s)
        if not seats:
            return Answer([])
        if s.party:
            n = sum(1 for o in seats for c in self.ref.seats[o].candidates if c.party == s.party)
            return Answer([Evidence(n, DATASETS["2024"], f"{display_name(s.party)} stood {n} candidates in {label}",
                                    f"{display_name(s.party)} candidates in {label}")])
        n = sum(len(self.ref.seats[o].candidates) for o in seats)
        return Answer([Evidence(n, DATASETS["2024"], f"{n} candidates stood in {label}", f"candidates in {label}")])

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

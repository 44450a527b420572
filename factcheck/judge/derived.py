"""Figures a journalist computes from the results: what the tables give when asked the same sum.

Coverage does arithmetic on the results before it prints them: a party's
share of the seats, the seats it would hold in proportion to its vote, the
votes each of its MPs cost, how far it finished ahead of a rival, how many of
its MPs are women or new, how many of its sitting MPs lost, the two-party
swing a seat needed, by how much a majority fell. Each reading here is one
such sum done over the reference API, explained with its operands so an
editor can redo it. The figure's roles (cue words such as "seats worth of
the vote", "women MPs", "ahead of") choose the sum; the kind and subject
come from the readings, as for any figure.

Blocs of parties (`reference/blocs.py`: "unionists", "pro-independence
parties") are subjects like a party: every accepted membership is counted,
and a figure that fits any of them is not wrong.

`DerivedEvidence.derived_for` is the one entry point: it returns the method
that answers a reading when one of these sums is what the reading means, and
None to leave the reading to the ordinary evidence.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Optional

from ..memo import remembered
from ..models import Quantity, Reading, Subject
from ..reference import aggregate as agg
from ..reference.parties import display_name
from ..reference.records import Candidate, SeatResult

BLOC = "bloc:"  # a subject's party code for a bloc: "bloc:unionist:Northern Ireland"


def bloc_code(bloc: str, region: str) -> str:
    return f"{BLOC}{bloc}:{region}"


@dataclass
class Membership:
    """Who counts as one party (or as one accepted grouping of a bloc) in a sum."""

    label: str
    includes: Callable[[Candidate], bool]
    parties: frozenset[str]
    by_party: bool = True  # `includes` is membership of `parties`: sums can use the tables' columns


def _fits_unit(q: Quantity) -> bool:
    return "." not in q.text


class DerivedEvidence:
    """Mixed into `EvidenceFinder`: needs `ref`, `seats_of`, `ds`, `lab`, `_seat`, `_row`, `_previous_rows`."""

    # ------------------------------------------------------------ dispatch
    def derived_for(self, r: Reading, q: Quantity):
        """The method answering this reading when it is a derived figure, else None."""
        s = r.subject
        wide = s.level in ("uk", "nation", "region", "place", "group")
        roles = set(r.roles)
        if wide and s.party and s.party.startswith(BLOC):
            return self._bloc
        if not wide:
            if r.kind == "change" and "swing_needed" in roles:
                return self._seat_swing_needed
            if r.kind == "majority" and q.unit in ("percent", "fraction") and roles & {"relative", "delta"}:
                return self._seat_majority_relative
            if r.kind == "majority" and q.unit == "count" and "delta" in roles:
                return self._seat_majority_change
            if r.kind in ("votes", "share") and "ratio" in roles and (q.unit in ("percent", "fraction") or (
                    q.unit == "count" and q.value <= 10)):
                return self._seat_ratio
            if r.kind == "votes_change" and q.unit in ("percent", "fraction"):
                return self._seat_votes_relative
            if r.kind == "share" and "others_share" in roles and s.level == "seat" and q.unit != "count":
                return self._seat_others_share
            return None
        if r.kind in ("seats", "seat_count"):
            for role in ("proportional", "women", "new_mps", "third_places", "second_places", "mps_lost"):
                if role in roles:
                    return getattr(self, f"_wide_{role}")
        if r.kind in ("seats", "seat_gain", "seat_loss", "seat_net") and "subset" in roles and s.party \
                and not s.party.startswith(BLOC) and r.era == "current":
            return self._wide_subset
        if r.kind == "seats" and "holds" in roles and s.party and r.era == "current" and not s.party.startswith(BLOC):
            return self._wide_holds
        if r.kind == "seats" and s.party == "Ind" and r.era == "current":
            return self._wide_independents
        if r.kind == "seats" and "commons" in roles:
            return self._wide_seats_or_commons
        if r.kind == "votes" and "per_seat" in roles:
            return self._wide_per_seat
        if r.kind == "votes" and "difference" in roles and len(s.parties) >= 2:
            return self._wide_votes_difference
        if r.kind in ("share", "change") and "difference" in roles and len(s.parties) >= 2 and q.unit != "count":
            return self._wide_share_difference
        if r.kind in ("share", "seat_share") and roles & {"two_main", "others_share"}:
            return self._wide_share_grouped
        if r.kind == "share" and "of_electorate" in roles:
            return self._wide_share_of_electorate
        if r.kind == "votes_change" and q.unit in ("percent", "fraction"):
            return self._wide_votes_relative
        if r.kind == "seat_share":
            return self._wide_seat_share_all
        if r.kind == "majority" and s.level == "uk" and s.party and q.unit == "count":
            return lambda r, q: self._commons(r)
        if r.kind in ("seat_gain", "seat_loss") and len(s.parties) >= 2:
            return self._wide_gains_between
        if r.kind == "candidates" and "women" in roles:
            return self._wide_women_candidates
        return None

    # ------------------------------------------------------------ memberships
    def memberships(self, party: str, nation: Optional[str] = None) -> list[Membership]:
        """One membership for a party; one per accepted grouping for a bloc."""
        if not party.startswith(BLOC):
            return [Membership(display_name(party), lambda c, p=party: c.party == p, frozenset([party]))]
        _, bloc, region = party.split(":", 2)
        blocs = getattr(self.ref, "blocs", None)
        if blocs is None:
            return []
        out = []
        for g in blocs.groupings_for(bloc, region):
            # the candidate's name is built only where the grouping lists members outside its parties
            member = (lambda c, g=g: g.includes(c.party, c.ons_id, c.name)) if g.candidates else \
                (lambda c, g=g: c.party in g.parties)
            out.append(Membership(g.description, member, g.parties, by_party=not g.candidates))
        return out

    def _name(self, party: Optional[str]) -> str:
        if party and party.startswith(BLOC):
            return party.split(":", 2)[1] + "s"
        return display_name(party) if party else "all parties"

    # A bloc's sums over a nation's seats, asked by each of its readings: by the tables' columns (one numpy sum
    # a party) where membership is by party alone, else by a walk over the candidates.
    @staticmethod
    def _won(table: dict, seats: list[str], m: Membership) -> list[str]:
        if m.by_party:
            cols = agg.columns(table)
            rows = cols.rows(seats)
            return [cols.ons[i] for i in rows[cols.won_by(m.parties, rows)].tolist()]
        return [o for o in seats if o in table and m.includes(table[o].winner)]

    @staticmethod
    def _votes(table: dict, seats: list[str], m: Membership) -> Optional[int]:
        if m.by_party:
            cols = agg.columns(table)
            return cols.votes_over(sorted(m.parties), cols.rows(seats))
        total = 0
        for o in seats:
            seat = table.get(o)
            if seat is None:
                continue
            for c in seat.candidates:
                if m.includes(c):
                    if c.votes is None:
                        return None
                    total += c.votes
        return total

    @staticmethod
    def _valid(table: dict, seats: list[str]) -> Optional[int]:
        cols = agg.columns(table)
        return cols.valid_over(cols.rows(seats))

    # ------------------------------------------------------------ blocs
    def _bloc(self, r: Reading, q: Quantity):
        """A bloc's seats, votes, share and changes, for every accepted grouping."""
        from .evidence import Answer

        s = r.subject
        members = self.memberships(s.party)
        if not members:
            return Answer([], "the tables do not say which parties make up that bloc")
        out = []
        for m in members:
            if r.kind in ("seats", "seat_gain", "seat_loss", "seat_net", "seat_share"):
                out += self._bloc_seats(r, m)
            elif r.kind in ("votes", "share", "change", "votes_change"):
                out += self._bloc_votes(r, m)
        return Answer(out)

    def _bloc_seats(self, r: Reading, m: Membership) -> list:
        from .evidence import Evidence

        s = r.subject
        seats, label = self.seats_of(s)
        if not seats:
            return []
        now = self._won(self.ref.seats, seats, m)
        out = []
        if r.kind == "seat_share" and r.era == "current":
            pct = 100.0 * len(now) / len(seats)
            return [Evidence(pct, self.ds("current"), f"{len(now)} of {len(seats)} seats = {pct:.1f}% ({m.label})",
                             f"share of the seats in {label} won by {m.label}")]
        if r.kind == "seats" and r.era == "current":
            out.append(Evidence(len(now), self.ds("current"), f"{len(now)} of {len(seats)} seats in {label}: "
                                f"{agg.names(self.ref, now)}", f"seats won by {m.label} in {label}"))
        for role in ("previous", "previous_actual"):
            old, _ = self.seats_of(s, role)
            if not old:
                continue
            table = agg._table(self.ref, role)
            before = self._won(table, old, m)
            if r.kind == "seats" and r.era == "previous":
                out.append(Evidence(len(before), self.ds(role), f"{len(before)} of {len(old)} seats in {label} "
                                    f"({self.lab(role)})", f"seats won by {m.label} in {label} on the {self.lab(role)} "
                                    f"result", role))
            elif r.era == "current" and r.kind in ("seat_gain", "seat_loss", "seat_net"):
                net = len(now) - len(before)
                sign = {"seat_gain": 1, "seat_loss": -1, "seat_net": 0}[r.kind]
                out.append(Evidence(net if sign == 0 else sign * net, self.ds(role),
                                    f"{len(before)} on the {self.lab(role)} result, {len(now)} in {self.ref.key}",
                                    f"change in the seats of {m.label} in {label} since the {self.lab(role)} result",
                                    role, signed=sign == 0))
        return out

    def _bloc_votes(self, r: Reading, m: Membership) -> list:
        from .evidence import Evidence

        s = r.subject
        out = []
        roles = ("current",) if r.era == "current" and r.kind in ("votes", "share") else (
            ("previous", "previous_actual") if r.era == "previous" else ("current", "previous", "previous_actual"))
        shares = {}
        for role in roles:
            seats, label = self.seats_of(s, role)
            table = agg._table(self.ref, role)
            votes, valid = self._votes(table, seats, m), self._valid(table, seats)
            if not seats or votes is None or not valid:
                continue
            share = 100.0 * votes / valid
            shares[role] = (share, votes, valid, label)
            b = role if role != "current" else None
            if r.kind == "votes" and r.era != "current" or (r.kind == "votes" and role == "current"):
                out.append(Evidence(votes, self.ds(role), f"{votes:,} votes for {m.label} in {label} ({self.lab(role)})",
                                    f"{self.lab(role)} vote of {m.label} in {label}", b))
            if r.kind == "share" and (r.era != "current" or role == "current"):
                out.append(Evidence(share, self.ds(role), f"{votes:,} of {valid:,} valid votes in {label} = {share:.2f}% "
                                    f"({m.label})", f"{self.lab(role)} share of {m.label} in {label}", b))
        if r.era == "current" and r.kind in ("change", "votes_change") and "current" in shares:
            now, votes_now, _, label = shares["current"]
            for role in ("previous", "previous_actual"):
                if role not in shares:
                    continue
                before, votes_before, _, _ = shares[role]
                if r.kind == "change":
                    out.append(Evidence(now - before, self.ds(role), f"{now:.2f}% in {self.ref.key}, {before:.2f}% "
                                        f"{self.lab(role)}: {now - before:+.2f} points ({m.label})",
                                        f"change in the share of {m.label} in {label} since the {self.lab(role)} result",
                                        role, signed=True))
                else:
                    out.append(Evidence(votes_now - votes_before, self.ds(role), f"{votes_now:,} in {self.ref.key}, "
                                        f"{votes_before:,} {self.lab(role)} ({m.label})",
                                        f"change in the vote of {m.label} in {label} since the {self.lab(role)} result",
                                        role, signed=True))
        return out

    # ------------------------------------------------------------ seats, derived
    def _wide_proportional(self, r: Reading, q: Quantity):
        """Seats in proportion to the vote: the party's share of the valid vote times the area's seats."""
        from .evidence import Answer, Evidence

        s = r.subject
        if not s.party or r.era != "current":
            return Answer([])
        seats, label = self.seats_of(s)
        if not seats:
            return Answer([])
        out = []
        parties = [s.party] + (["Spk"] if self._speakers(s.party, "current") else [])
        for with_speaker in (False, True):
            if with_speaker and len(parties) == 1:
                continue
            who = parties if with_speaker else parties[:1]
            votes = sum(agg.total(self.ref, p, seats).votes or 0 for p in who)
            valid = self._valid(self.ref.seats, seats)
            if not valid:
                continue
            value = votes / valid * len(seats)
            how = " with the Speaker's votes" if with_speaker else ""
            detail = (f"{self._name(s.party)}{how} {votes:,} of {valid:,} valid votes x {len(seats)} seats = "
                      f"{value:.2f}")
            what = f"seats {self._name(s.party)}{how} would hold in proportion to its vote in {label}"
            out.append(Evidence(value, self.ds("current"), detail, what))
            if _fits_unit(q):
                out.append(Evidence(float(round(value)), self.ds("current"), detail + f", {round(value)} to the seat", what))
        return Answer(out)

    def _winners(self, s: Subject) -> tuple[list[SeatResult], str]:
        seats, label = self.seats_of(s)
        return [self.ref.seats[o] for o in seats if o in self.ref.seats], label

    def _wide_women(self, r: Reading, q: Quantity):
        """Women elected (the gender column), for a party or for everyone, in the area."""
        from .evidence import Answer, Evidence

        if r.era != "current":
            return Answer([])
        rows, label = self._winners(r.subject)
        party = r.subject.party
        if any(x.winner.gender is None for x in rows):
            return Answer([], "the tables do not record the candidates' gender for this election")
        n = sum(1 for x in rows if x.winner.gender == "Female" and (party is None or x.winner.party == party))
        who = f"{self._name(party)} " if party else ""
        return Answer([Evidence(n, self.ds("current"), f"{n} {who}women elected in {label} (the candidates' gender "
                                f"column)", f"women {who}MPs elected in {label}")])

    def _wide_women_candidates(self, r: Reading, q: Quantity):
        from .evidence import Answer, Evidence

        if r.era != "current":
            return Answer([])
        rows, label = self._winners(r.subject)
        party = r.subject.party
        cands = [c for x in rows for c in x.candidates if party is None or c.party == party]
        if any(c.gender is None for c in cands):
            return Answer([], "the tables do not record the candidates' gender for this election")
        n = sum(1 for c in cands if c.gender == "Female")
        who = f"{self._name(party)} " if party else ""
        return Answer([Evidence(n, self.ds("current"), f"{n} of {len(cands)} {who}candidates in {label} were women",
                                f"women {who}candidates in {label}")])

    def _wide_new_mps(self, r: Reading, q: Quantity):
        """MPs elected who did not sit in the last Parliament (the `Sitting MP` flag)."""
        from .evidence import Answer, Evidence

        if r.era != "current":
            return Answer([])
        rows, label = self._winners(r.subject)
        party = r.subject.party
        mine = [x for x in rows if party is None or x.winner.party == party]
        n = sum(1 for x in mine if not x.winner.sitting_mp)
        who = f"{self._name(party)} " if party else ""
        return Answer([Evidence(n, self.ds("current"), f"{n} {who}MPs elected in {label} were not sitting MPs when "
                                f"Parliament was dissolved", f"new {who}MPs in {label}"),
                       # "18 new MPs confirmed": every member of the new Parliament is new to it
                       Evidence(len(mine), self.ds("current"), f"{len(mine)} {who}MPs elected in {label}",
                                f"{who}MPs elected to the new Parliament in {label}")],
                      caveat="counts of new MPs differ with whether MPs returning after a break are counted")

    def _wide_mps_lost(self, r: Reading, q: Quantity):
        """Sitting MPs who stood again and lost, for a party or for everyone."""
        from .evidence import Answer, Evidence

        if r.era != "current":
            return Answer([])
        rows, label = self._winners(r.subject)
        party = r.subject.party
        beaten = [c for x in rows for c in x.candidates[1:] if c.sitting_mp and (party is None or c.party == party)]
        who = f"{self._name(party)} " if party else ""
        names = ", ".join(f"{c.name} ({c.seat})" for c in beaten[:12]) + (" ..." if len(beaten) > 12 else "")
        out = [Evidence(len(beaten), self.ds("current"), f"{len(beaten)} sitting {who}MPs lost: {names}",
                        f"sitting {who}MPs defeated in {label}")]
        if party:
            # "all six Conservative MPs have been ousted": the party's seats lost, whoever was standing
            seats, _ = self.seats_of(r.subject)
            lost = agg.losses(self.ref, party, seats)
            out.append(Evidence(len(lost), self.ds("current"), f"{len(lost)} ({agg.names(self.ref, [o for o, _ in lost])})",
                                f"seats {who}held on the {self.lab('previous')} result and lost, in {label}", "previous"))
        return Answer(out,
                      caveat="counts of MPs who lost their seats differ with who is counted (retirements, MPs who "
                             "stood elsewhere, ministers only)")

    def _placed(self, r: Reading, rank: int):
        from .evidence import Answer, Evidence

        s = r.subject
        if not s.party or r.era != "current":
            return Answer([])
        rows, label = self._winners(s)
        hits = [x for x in rows if len(x.candidates) >= rank and x.candidates[rank - 1].party == s.party]
        word = {2: "second", 3: "third"}[rank]
        out = [Evidence(len(hits), self.ds("current"), f"{self._name(s.party)} came {word} in {len(hits)} seats in "
                        f"{label}", f"seats where {self._name(s.party)} came {word} ({label})")]
        others = [p for p in s.parties if p != s.party]
        for other in others:
            # "second to Labour in 15 seats": the seats it came second in behind that party
            behind = [x for x in hits if x.winner.party == other]
            out.append(Evidence(len(behind), self.ds("current"), f"{self._name(s.party)} came {word} behind "
                                f"{self._name(other)} in {len(behind)} seats in {label}",
                                f"seats where {self._name(s.party)} came {word} to {self._name(other)} ({label})"))
        return Answer(out)

    def _wide_holds(self, r: Reading, q: Quantity):
        """"Labour held two": the seats a party won again, as well as the seats it now holds."""
        from .evidence import Answer, Evidence

        s = r.subject
        plain = self._wide_seats(r, q)
        seats, label = self.seats_of(s)
        out = list(plain.values)
        for role in ("previous", "previous_actual"):
            if role == "previous_actual" and self.ref.boundaries_changed:
                continue  # on other boundaries a seat cannot be "held" seat by seat
            kept = agg.held_throughout(self.ref, s.party, seats, role)
            out.append(Evidence(len(kept), self.ds(role), f"{len(kept)} ({agg.names(self.ref, kept)})",
                                f"seats {self._name(s.party)} held (won on the {self.lab(role)} result and again), "
                                f"in {label}", role))
        return Answer(out, plain.note, plain.caveat)

    def _wide_subset(self, r: Reading, q: Quantity):
        """"Eight of the nine seats Labour gained were from the Tories": a part of a set the sentence defines.

        The part is counted every way the tables allow (seats won, gained, lost, gained from or lost to each
        party the sentence names); a figure that fits none is left unverifiable, since the part may be cut in a
        way the check does not follow."""
        from .evidence import Answer

        s = r.subject
        out = []
        for kind in ("seats", "seat_gain", "seat_loss"):
            r2 = r.model_copy(update={"kind": kind, "roles": [x for x in r.roles if x not in ("subset", "commons")]})
            if kind != "seats" and len(s.parties) >= 2:
                a = self._wide_gains_between(r2, q)
            elif kind == "seats":
                a = self._wide_seats(r2, q)
            else:
                a = self._seat_changes(r2, 1 if kind == "seat_gain" else -1)
            out += a.values
        return Answer(out, caveat="the figure counts a part of a set the sentence defines, which the check may not "
                                  "cut the same way")

    def _wide_independents(self, r: Reading, q: Quantity):
        """Independents elected: not one party's total, but a count of winners the tables can make."""
        from .evidence import Answer, Evidence

        rows, label = self._winners(r.subject)
        won = [x for x in rows if x.winner.party == "Ind"]
        names = ", ".join(f"{x.winner.name} ({x.name})" for x in won)
        return Answer([Evidence(len(won), self.ds("current"), f"{len(won)} independents elected in {label}: {names}",
                                f"independent candidates elected in {label}")])

    def _wide_seats_or_commons(self, r: Reading, q: Quantity):
        """A seat count in a sentence that also speaks of a Commons majority: either may be meant."""
        from .evidence import Answer

        plain = self._wide_seats(r.model_copy(update={"roles": [x for x in r.roles if x != "commons"]}), q)
        majority = self._commons(r) if r.subject.level == "uk" and r.subject.party else Answer([])
        return Answer(plain.values + majority.values, plain.note, majority.caveat if majority.values else plain.caveat)

    def _wide_second_places(self, r: Reading, q: Quantity):
        return self._placed(r, 2)

    def _wide_third_places(self, r: Reading, q: Quantity):
        return self._placed(r, 3)

    def _wide_seat_share_all(self, r: Reading, q: Quantity):
        """A party's share of the seats, with and without the Speaker, now and on either previous result."""
        from .evidence import Answer, Evidence

        s = r.subject
        if not s.party:
            return Answer([])
        out = []
        roles = ("current",) if r.era == "current" else ("previous", "previous_actual")
        for role in roles:
            seats, label = self.seats_of(s, role)
            if not seats:
                continue
            table = agg._table(self.ref, role)
            won = agg.seats_won(self.ref, s.party, seats, role)
            variants = [(won, "")]
            if self._speakers(s.party, role):
                speaker = agg.seats_won(self.ref, "Spk", seats, role)
                if speaker:
                    variants.append((won + speaker, " with the Speaker"))
            for n, how in variants:
                pct = 100.0 * n / len(seats)
                out.append(Evidence(pct, self.ds(role), f"{n} of {len(seats)} seats{how} = {pct:.2f}%",
                                    f"{self._name(s.party)} share of the seats in {label} ({self.lab(role)})",
                                    None if role == "current" else role))
            del table
        return Answer(out)

    def _wide_per_seat(self, r: Reading, q: Quantity):
        """Votes per seat won: the party's votes over its seats."""
        from .evidence import Answer, Evidence

        s = r.subject
        if not s.party or r.era != "current":
            return Answer([])
        seats, label = self.seats_of(s)
        t = agg.total(self.ref, s.party, seats)
        if not t.seats or t.votes is None:
            return Answer([], f"{self._name(s.party)} won no seats in {label}, so there is no figure per seat")
        value = t.votes / t.seats
        if _fits_unit(q):
            value = float(round(value))  # a count of votes is written to the vote
        return Answer([Evidence(value, self.ds("current"), f"{t.votes:,} votes / {t.seats} seats = {value:,.0f}",
                                f"{self._name(s.party)} votes per seat won in {label}")])

    def _pairs(self, s: Subject) -> list[tuple[str, str]]:
        """(subject party, other party) for each other party the sentence names."""
        return [(s.party, p) for p in s.parties if p != s.party and not p.startswith(BLOC)]

    def _wide_votes_difference(self, r: Reading, q: Quantity):
        """How many more votes one party won than another, over the area."""
        return self._between_parties(
            r, lambda t: t.votes, lambda x: f"{x:,}", lambda d: f"a difference of {d:,}",
            lambda role, a, b: f"difference between the {self.lab(role)} votes of {a} and {b}")

    def _wide_share_difference(self, r: Reading, q: Quantity):
        """How many points one party's share stood above another's."""
        return self._between_parties(
            r, lambda t: t.share, lambda x: f"{x:.2f}%", lambda d: f"{d:.2f} points apart",
            lambda role, a, b: f"gap between the {self.lab(role)} shares of {a} and {b}", need_valid=True)

    def _between_parties(self, r: Reading, measure, show, gap, label_of, need_valid: bool = False):
        """The gap between each pair of parties the sentence sets against each other, by `measure` of their
        totals over the area, at this election or on both previous results."""
        from .evidence import Answer, Evidence

        s = r.subject
        out = []
        roles = ("current",) if r.era == "current" else ("previous_actual", "previous")
        for role in roles:
            seats, label = self.seats_of(s, role)
            table = agg._table(self.ref, role)
            if not seats or (need_valid and not all(table[o].valid_votes is not None for o in seats if o in table)):
                continue
            for a, b in self._pairs(s):
                va, vb = measure(agg.total(self.ref, a, seats, role)), measure(agg.total(self.ref, b, seats, role))
                if va is None or vb is None:
                    continue
                d = abs(va - vb)
                out.append(Evidence(d, self.ds(role), f"{self._name(a)} {show(va)}, {self._name(b)} {show(vb)}: "
                                    f"{gap(d)} in {label}",
                                    f"{label_of(role, self._name(a), self._name(b))} in {label}",
                                    None if role == "current" else role))
        return Answer(out)

    def _wide_share_grouped(self, r: Reading, q: Quantity):
        """The two largest parties together ("the two main parties"), or everyone else ("smaller parties")."""
        from .evidence import Answer, Evidence

        s = r.subject
        out = []
        if s.party and r.kind in ("share", "seat_share"):
            # the party's own figure stays a reading: the words about other parties may be elsewhere in the sentence
            own = self._wide_share(r, q) if r.kind == "share" else self._wide_seat_share_all(r, q)
            out += own.values
        roles = ("current",) if r.era == "current" else ("previous_actual", "previous")
        for role in roles if r.kind == "share" else ():
            seats, label = self.seats_of(s, role)
            table = agg._table(self.ref, role)
            valid = self._valid(table, seats)
            if not valid:
                continue
            totals = _party_votes(table, seats)
            top = sorted(totals, key=lambda p: -totals[p])[:2]
            both = sum(totals[p] for p in top)
            names = " and ".join(self._name(p) for p in top)
            b = None if role == "current" else role
            if "two_main" in r.roles:
                pct = 100.0 * both / valid
                out.append(Evidence(pct, self.ds(role), f"{names} {both:,} of {valid:,} valid votes = {pct:.2f}% in {label}",
                                    f"combined {self.lab(role)} share of {names} in {label}", b))
            if "others_share" in r.roles:
                pct = 100.0 * (valid - both) / valid
                out.append(Evidence(pct, self.ds(role), f"every party but {names}: {valid - both:,} of {valid:,} valid "
                                    f"votes = {pct:.2f}% in {label}", f"{self.lab(role)} share of the parties other than "
                                    f"{names} in {label}", b))
        if "others_share" in r.roles and r.era == "current":
            seats, label = self.seats_of(s)
            top = sorted({p for o in seats for p in [self.ref.seats[o].winner.party]},
                         key=lambda p: -agg.seats_won(self.ref, p, seats))[:2]
            n = len(seats) - sum(agg.seats_won(self.ref, p, seats) for p in top)
            pct = 100.0 * n / len(seats)
            out.append(Evidence(pct, self.ds("current"), f"{n} of {len(seats)} seats won by parties other than "
                                f"{' and '.join(self._name(p) for p in top)} = {pct:.2f}%",
                                f"share of the seats won by the smaller parties in {label}"))
        return Answer(out)

    def _wide_share_of_electorate(self, r: Reading, q: Quantity):
        """A party's votes over the whole electorate, not over the votes cast."""
        from .evidence import Answer, Evidence

        s = r.subject
        if not s.party or r.era != "current":
            return Answer([])
        seats, label = self.seats_of(s)
        electorate = sum(self.ref.seats[o].electorate or 0 for o in seats)
        votes = agg.total(self.ref, s.party, seats).votes
        if not electorate or votes is None:
            return Answer([])
        pct = 100.0 * votes / electorate
        return Answer([Evidence(pct, self.ds("current"), f"{self._name(s.party)} {votes:,} of an electorate of "
                                f"{electorate:,} = {pct:.2f}%", f"{self._name(s.party)} votes as a share of the "
                                f"electorate in {label}")])

    def _wide_votes_relative(self, r: Reading, q: Quantity):
        """A change in a party's votes as a percentage of its previous votes."""
        from .evidence import Answer, Evidence

        s = r.subject
        if not s.party or r.era != "current":
            return Answer([])
        seats, label = self.seats_of(s)
        now = agg.total(self.ref, s.party, seats).votes
        out = []
        for role in ("previous_actual", "previous"):
            old, _ = self.seats_of(s, role)
            before = agg.total(self.ref, s.party, old, role).votes if old else None
            if not before or now is None:
                continue
            rel = 100.0 * (now - before) / before
            out.append(Evidence(rel, self.ds(role), f"({now:,} - {before:,}) / {before:,} = {rel:+.1f}%",
                                f"relative change in {self._name(s.party)} votes in {label} since the {self.lab(role)} "
                                f"result", role, signed=True))
        return Answer(out)

    def _wide_gains_between(self, r: Reading, q: Quantity):
        """Seats one party took from another ("gained three from the Conservatives"), or lost to it."""
        from .evidence import Answer

        base = self._seat_changes(r, 1 if r.kind == "seat_gain" else -1)
        if r.era != "current":
            return base
        from .evidence import Evidence

        s = r.subject
        seats, label = self.seats_of(s)
        out = list(base.values)
        for a, b in self._pairs(s):
            if r.kind == "seat_gain":
                moved = [o for o, before in agg.gains(self.ref, a, seats) if before == b]
                what = f"seats {self._name(a)} gained from {self._name(b)} against the {self.lab('previous')} result, in {label}"
            else:
                moved = [o for o, after in agg.losses(self.ref, a, seats) if after == b]
                what = f"seats {self._name(a)} lost to {self._name(b)} against the {self.lab('previous')} result, in {label}"
            out.append(Evidence(len(moved), self.ds("current"), f"{len(moved)} ({agg.names(self.ref, moved)})", what,
                                "previous"))
        return Answer(out, base.note, base.caveat)

    # ------------------------------------------------------------ one seat, derived
    def _seat_swing_needed(self, r: Reading, q: Quantity):
        """The swing a challenger needed: half the lead the holder had on the previous result."""
        from .evidence import Answer, Evidence

        s = r.subject
        seat = self._seat(s)
        if seat is None:
            return Answer([])
        out = []
        for role, before in (("previous", self.ref.previous_result(seat.ons_id)),
                             *(("previous_actual", old) for old in self._old_seats(s, seat))):
            if before is None or len(before.candidates) < 2 or before.candidates[0].share is None:
                continue
            winner = before.candidates[0]
            rivals = [c for c in before.candidates[1:] if c.share is not None and (
                s.party is None or c.party == s.party or c.rank == 2)]
            for c in rivals[:2]:
                need = (winner.share - c.share) / 2
                out.append(Evidence(need, self.ds(role), f"({winner.party} {winner.share:.2f}% - {c.party} "
                                    f"{c.share:.2f}%) / 2 = {need:.2f} points on the {self.lab(role)} result in "
                                    f"{before.name}", f"swing {c.party} needed to take {before.name} "
                                    f"({self.lab(role)} baseline)", role))
        return Answer(out)

    def _previous_majorities(self, s: Subject, seat: SeatResult) -> list[tuple[str, SeatResult]]:
        """(role, result) of the seat's previous results that hold a majority: on these boundaries, then on the
        old ones."""
        befores = [("previous", self.ref.previous_result(seat.ons_id))] + [
            ("previous_actual", old) for old in self._old_seats(s, seat)]
        return [(role, before) for role, before in befores if before is not None and before.majority is not None]

    def _seat_majority_change(self, r: Reading, q: Quantity):
        """"Her majority was slashed by almost 25,000": the majority less the previous one, on the new boundaries
        and on the old; never the majority itself, which the words say the figure is not."""
        from .evidence import Answer, Evidence

        s = r.subject
        seat = self._seat(s)
        if seat is None or seat.majority is None or r.era != "current":
            return Answer([])
        out = []
        for role, before in self._previous_majorities(s, seat):
            change = seat.majority - before.majority
            out.append(Evidence(change, self.ds(role), f"{seat.majority:,} in {self.ref.key} against {before.majority:,} "
                                f"{self.lab(role)} ({before.name}): {change:+,}", f"change in the majority in "
                                f"{seat.name} since the {self.lab(role)} result", role, signed=True))
        return Answer(out)

    def _seat_majority_relative(self, r: Reading, q: Quantity):
        """"The majority fell by 80%": the change in the majority over the previous majority."""
        from .evidence import Answer, Evidence

        s = r.subject
        seat = self._seat(s)
        if seat is None or seat.majority is None:
            return Answer([])
        out = []
        for role, before in self._previous_majorities(s, seat):
            if not before.majority:
                continue
            rel = 100.0 * (seat.majority - before.majority) / before.majority
            out.append(Evidence(rel, self.ds(role), f"({seat.majority:,} - {before.majority:,}) / {before.majority:,} = "
                                f"{rel:+.1f}%", f"relative change in the majority in {seat.name} since the "
                                f"{self.lab(role)} result ({before.name})", role, signed=True))
        return Answer(out)

    def _seat_others_share(self, r: Reading, q: Quantity):
        """"Con 76.7%, Lab 15.2%, Lib Dem 4.71%, other 3.42%": everyone after the candidates a result lists. A
        list names the first two, three or four, so each is tried, and the explanation says which fitted."""
        from .evidence import Answer, Evidence

        s = r.subject
        seat = self._seat(s)
        if seat is None:
            return Answer([])
        if r.era == "current":
            results = [("current", seat)]
        elif r.era == "previous":
            results = [("previous", self.ref.previous_result(seat.ons_id))] + [
                ("previous_actual", old) for old in self._old_seats(s, seat)]
        else:
            return Answer([])
        out = []
        for role, result in results:
            if result is None or not result.valid_votes:
                continue
            ranked = sorted((c for c in result.candidates if c.votes), key=lambda c: -c.votes)
            for k in (2, 3, 4):
                if len(ranked) <= k:
                    break
                rest = sum(c.votes for c in ranked[k:])
                share = 100.0 * rest / result.valid_votes
                out.append(Evidence(share, self.ds(role), f"{rest:,} of {result.valid_votes:,} valid votes for the "
                                    f"candidates after the first {k} in {result.name} = {share:.2f}%",
                                    f"share of everyone after the first {k} in {result.name} ({self.lab(role)})", role))
        return Answer(out)

    def _seat_ratio(self, r: Reading, q: Quantity):
        """"Double the number her party won in 2019", "almost half the total won by X": one vote over another."""
        from .evidence import Answer, Evidence

        s = r.subject
        seat = self._seat(s)
        row = self._row(s, seat)
        if seat is None or row is None or row.votes is None:
            return Answer([])
        out = []
        as_pct = q.unit in ("percent", "fraction")
        for prow, pseat, b in self._previous_rows(s, seat, row):
            if not prow.votes:
                continue
            ratio = row.votes / prow.votes
            out.append(Evidence(100.0 * ratio if as_pct else ratio, self.ds(b), f"{row.votes:,} / {prow.votes:,} = "
                                f"{ratio:.2f} ({self.lab(b)}, {prow.seat})",
                                f"{row.name or display_name(row.party)}'s vote as a multiple of the {self.lab(b)} vote "
                                f"of {prow.name or display_name(prow.party)}", b))
        other = self.ref.candidate(s.other) if s.other else None
        if other is not None and other.votes:
            ratio = row.votes / other.votes
            out.append(Evidence(100.0 * ratio if as_pct else ratio, self.ds("current"),
                                f"{row.votes:,} / {other.votes:,} = {ratio:.2f}",
                                f"{row.name}'s vote as a multiple of {other.name}'s"))
        return Answer(out)

    def _seat_votes_relative(self, r: Reading, q: Quantity):
        """A change in a candidate's or party's votes in a seat, as a percentage of the earlier votes."""
        from .evidence import Answer, Evidence

        s = r.subject
        seat = self._seat(s)
        row = self._row(s, seat)
        if seat is None or row is None or row.votes is None or r.era != "current":
            return Answer([])
        out = []
        for prow, pseat, b in self._previous_rows(s, seat, row):
            if not prow.votes:
                continue
            rel = 100.0 * (row.votes - prow.votes) / prow.votes
            out.append(Evidence(rel, self.ds(b), f"({row.votes:,} - {prow.votes:,}) / {prow.votes:,} = {rel:+.1f}%",
                                f"relative change in {row.name or display_name(row.party)}'s vote since the "
                                f"{self.lab(b)} result", b, signed=True))
        return Answer(out)


def _party_votes(table: dict, seats: list[str]) -> dict[str, int]:
    """Each party's votes over the seats, parties in the order they first appear. A walk over every
    candidate of the area (the whole country's 4,500), asked by each share reading of "the two main
    parties": done once an article for each area and table (`memo.one_article`); read-only."""
    def walk() -> dict[str, int]:
        totals: dict[str, int] = {}
        for o in seats:
            for c in table[o].candidates:
                if c.votes is not None:
                    totals[c.party] = totals.get(c.party, 0) + c.votes
        return totals
    return remembered("derived.party_votes", (id(table), tuple(seats)), walk)

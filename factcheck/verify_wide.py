"""Readings for figures about the country, a nation or a group of seats.

Kept apart from the seat-level readings in verify.py: these ask the
aggregate queries (reference/aggregate.py) and say which seats they summed,
so an editor can audit a group ("the 28 seats: Birmingham Hodge Hill…").
Each method returns (readings, note) like its seat-level siblings; a note
starting "unverifiable:" makes a mismatch unverifiable rather than wrong.
"""
from __future__ import annotations

from typing import Optional

from .extract import role_has
from .reference import aggregate as agg
from .reference.parties import ALIAS_INDEX, display_name, fold
from .scope import TO_PARTY

UK = "the UK"


class WideReadings:
    """Mixed into Verifier: needs `self.ref`, its datasets and labels by role (`self.D`, `self.L`),
    `self._groups` (a cache) and a `Reading` factory. Results are named by role: "current", "previous"
    (these boundaries; notional where they changed), "previous_actual" (the old boundaries)."""

    # ------------------------------------------------------------ helpers
    def _scope_seats(self, scope, election: str = "current") -> tuple[list[str], str]:
        if scope.level == "group":
            if scope.group is None:
                return [], "an undefined group"
            key = scope.group.model_dump_json()
            if key not in self._groups:
                self._groups[key] = agg.select(self.ref, scope.group)
            seats = self._groups[key]
            if election != "current":
                seats = [s for s in seats if s in agg._table(self.ref, election)]
            return seats, f"the {len(seats)} {scope.group.label}"
        if scope.level == "nation" and scope.nation:
            return agg.seats_in(self.ref, scope.nation, election=election), scope.nation
        return list(agg._table(self.ref, election)), UK

    @staticmethod
    def _no_party_total(party: Optional[str]) -> Optional[str]:
        if party == "Ind":
            return ("unverifiable: independents are not one party, and the tables cannot tell which "
                    "independents a total means")
        return None

    # ------------------------------------------------------------ seats
    def _r_seats(self, lc, seat, person, era):
        L = self.L
        cc = lc.candidate
        scope = cc.scope
        role = (cc.role or "").split(";")[0]
        party = lc.party
        if role in ("subset", "set_size") and (scope is None or scope.level == "group"):
            return [], ("unverifiable: the seats are counted within an area (a district, a city) that the "
                        "tables do not group by")
        if role == "set_size":
            seats_now, label = self._scope_seats(scope)
            return [self._reading(len(seats_now), self.D["current"], f"{len(seats_now)} seats in {label}",
                                  f"number of seats in {label}")], None
        if role == "vague_group":
            return [], ("unverifiable: the seats are described only loosely (\"large populations\"), "
                        "so the group cannot be recomputed")
        if scope is None or party is None:
            return [], "The sentence does not say which party's seats these are."
        if self._no_party_total(party) and not role.startswith("group_losses"):
            return [], self._no_party_total(party)
        if role.startswith("group_losses"):
            seats, label = self._scope_seats(scope)
            lost = agg.losses(self.ref, party, seats)
            if role == "group_losses_to":
                target = _party_after(cc.sentence, cc.quantity.end)
                if target is None:
                    return [], "The text does not say which party the seats went to."
                lost = [(o, p) for o, p in lost if p == target]
                what = f"seats {display_name(party)} lost to {display_name(target)}"
            else:
                what = f"seats {display_name(party)} lost"
            detail = f"{len(lost)} ({agg.names(self.ref, [o for o, _ in lost])}) among {label}"
            return [self._reading(len(lost), self.D["current"], detail,
                                  f"number of {what} against the {L['previous']} result")], None
        seats_now, label = self._scope_seats(scope)
        now = agg.seats_won(self.ref, party, seats_now)
        seats_n, _ = self._scope_seats(scope, "previous")
        notional = agg.seats_won(self.ref, party, seats_n, "previous")
        seats_19, _ = self._scope_seats(scope, "previous_actual")
        actual = agg.seats_won(self.ref, party, seats_19, "previous_actual")
        name = display_name(party)
        cur, prev_year = self.ref.key, self.ref.previous_key
        baselines = [(actual, "previous_actual", L["previous_actual"])] + (
            [(notional, "previous", L["previous"])] if self.ref.boundaries_changed else [])  # one where they did not
        if role == "commons_majority":
            if era in ("previous", "either"):
                total = len(seats_19)
                return [self._reading(2 * actual - total, self.D["previous_actual"],
                                      f"{name} {actual} of {total} seats in {prev_year}: {actual} - {total - actual}",
                                      f"{name} majority in the Commons after the {prev_year} election")], None
            total = len(seats_now)
            out = [self._reading(2 * now - total, self.D["current"], f"{name} {now} of {total} seats: {now} - {total - now}",
                                 f"{name} majority in the Commons after the {cur} election")]
            speaker = agg.seats_won(self.ref, "Spk", seats_now)
            if party == "Lab" and speaker:
                # the widely reported 174 counts the Speaker, a former Labour MP, on Labour's side
                mine = now + speaker
                out.append(self._reading(2 * mine - total, self.D["current"],
                                         f"{now} Labour MPs and the Speaker, {mine} of {total}: {mine} - {total - mine}",
                                         "Labour majority in the Commons counting the Speaker"))
            return out, ("unverifiable: a Commons majority is counted in more than one way (with or without the "
                         "Speaker and his deputies, and Sinn Féin's seats that are not taken up)")
        if role == "incumbents_lost":
            beaten = [c for c in self.ref.candidates.values() if c.party == party and c.sitting_mp and c.rank > 1
                      and c.ons_id in set(seats_now)]
            return [self._reading(len(beaten), self.D["current"],
                                  f"{len(beaten)} {name} MPs who stood again were defeated",
                                  f"sitting {name} MPs defeated in {label}")], (
                "unverifiable: counts of MPs who lost their seats differ with who is counted (retirements, MPs who "
                "stood elsewhere, ministers only)")
        if role in ("seats_lost", "seats_gained", "seat_change"):
            if role == "seats_lost":
                lost = agg.losses(self.ref, party, seats_now)
                out = [self._reading(len(lost), self.D["current"],
                                     f"{len(lost)} ({agg.names(self.ref, [o for o, _ in lost])})",
                                     f"seats {name} held on the {L['previous']} result and lost, in {label}")]
                for before, ds, which in baselines:
                    out.append(self._reading(before - now, self.D[ds], f"{before} in {which}, {now} in {cur}",
                                             f"net seats {name} lost since the {which} result, in {label}"))
                return dedupe(out), None
            if role == "seats_gained":
                won = agg.gains(self.ref, party, seats_now)
                out = [self._reading(len(won), self.D["current"], f"{len(won)} ({agg.names(self.ref, [o for o, _ in won])})",
                                     f"seats {name} gained against the {L['previous']} result, in {label}")]
                for before, ds, which in baselines:
                    out.append(self._reading(now - before, self.D[ds], f"{before} in {which}, {now} in {cur}",
                                             f"net seats {name} gained since the {which} result, in {label}"))
                return dedupe(out), None
            out = []
            for before, ds, which in baselines:
                out.append(self._reading(now - before, self.D[ds], f"{before} in {which}, {now} in {cur}",
                                         f"change in {name} seats since the {which} result, in {label}"))
            return dedupe(out), None
        if era in ("previous",):
            return dedupe([
                self._reading(actual, self.D["previous_actual"], f"{name} won {actual} seats in {label} in {prev_year}",
                              f"{name} seats won in {prev_year} ({label})"),
                self._reading(notional, self.D["previous"], f"{name} {notional} seats on the {L['previous']} result",
                              f"{name} seats on the {L['previous']} result ({label})")]), None
        out = [self._reading(now, self.D["current"], f"{name} won {now} of {len(seats_now)} seats in {label}",
                             f"{name} seats won in {cur} ({label})")]
        speaker = agg.seats_won(self.ref, "Spk", seats_now)
        if party == "Lab" and speaker:
            # Lindsay Hoyle was elected as a Labour MP before he became Speaker; election-night tallies often count him
            out.append(self._reading(now + speaker, self.D["current"],
                                     f"{now} Labour and Labour Co-operative MPs plus the Speaker "
                                     f"({agg.names(self.ref, [o for o in seats_now if self.ref.seats[o].winner.party == 'Spk'])})",
                                     "Labour seats counting the Speaker, a former Labour MP"))
        return out, None

    # ------------------------------------------------------------ votes and shares
    def _r_national_votes(self, lc, seat, person, era):
        scope, party = lc.candidate.scope, lc.party
        if scope is None or party is None:
            return [], "The sentence does not say whose votes these are."
        if self._no_party_total(party):
            return [], self._no_party_total(party)
        election = "previous_actual" if era == "previous" else "current"
        seats, label = self._scope_seats(scope, election)
        t = agg.total(self.ref, party, seats, election)
        year = self.ref.previous_key if election == "previous_actual" else self.ref.key
        return [self._reading(t.votes, self.D[election], f"{display_name(party)} {_n(t.votes)} votes in {label}",
                              f"{display_name(party)} {year} vote in {label}")], None

    def _r_national_share(self, lc, seat, person, era):
        scope, party = lc.candidate.scope, lc.party
        if scope is None or party is None:
            return [], "The sentence does not say whose share this is."
        if self._no_party_total(party):
            return [], self._no_party_total(party)
        election = "previous_actual" if era == "previous" else "current"
        year = self.ref.previous_key if election == "previous_actual" else self.ref.key
        seats, label = self._scope_seats(scope, election)
        t = agg.total(self.ref, party, seats, election)
        note = None if scope.explicit or scope.level == "nation" else (
            "unverifiable: the sentence does not say the share is national, and it may be about one seat")
        out = [self._reading(t.share, self.D[election],
                             f"{display_name(party)} {_n(t.votes)} of {_n(t.valid)} valid votes in {label} = {_pct(t.share)}",
                             f"{display_name(party)} {year} share of the vote in {label}")]
        if scope.level == "nation" and not scope.explicit:
            # a nation's party with no place named: its share of its nation, or of the whole UK
            uk = agg.total(self.ref, party, list(agg._table(self.ref, election)), election)
            out.append(self._reading(uk.share, self.D[election],
                                     f"{display_name(party)} {_n(uk.votes)} of {_n(uk.valid)} valid votes in the UK = "
                                     f"{_pct(uk.share)}", f"{display_name(party)} {year} share of the vote in the UK"))
        return out, note

    def _wide_share_change(self, lc, era):
        L = self.L
        scope, party = lc.candidate.scope, lc.party
        if party is None:
            return [], "The sentence does not say whose share changed."
        seats, label = self._scope_seats(scope)
        now = agg.total(self.ref, party, seats).share
        out = []
        for election in dict.fromkeys(("previous_actual", "previous") if self.ref.boundaries_changed else ("previous",)):
            which = L[election]
            old_seats, _ = self._scope_seats(scope, election)
            before = agg.total(self.ref, party, old_seats, election).share
            if before is None and self._votes_not_held(old_seats, election):
                # shares over many seats need votes, which this result does not hold
                out.append(self._reading(None, self.D[election], "",
                                         f"change in {display_name(party)} share in {label} since the {which} result"))
                continue
            before = before or 0.0
            # the change as computed, and as the difference of the two shares rounded to one decimal, the way a
            # table of results usually derives it (27.0 - 22.8 = +4.2 for an exact +4.28)
            for change, how in ((now - before, ""), (round(now, 1) - round(before, 1), ", from the rounded shares")):
                value = change if lc.candidate.quantity.signed or change >= 0 else -change
                out.append(self._reading(value, self.D[election],
                                         f"{display_name(party)} {now:.2f}% in {self.ref.key}, {before:.2f}% in "
                                         f"{which}: {change:+.2f} points{how}",
                                         f"change in {display_name(party)} share in {label} since the {which} result"))
        return out, None

    def _votes_not_held(self, seats, election) -> bool:
        table = agg._table(self.ref, election)
        return any(table[o].valid_votes is None for o in seats if o in table)

    def _wide_turnout(self, lc, era):
        L = self.L
        seats, label = self._scope_seats(lc.candidate.scope)
        valid, ballots = agg.turnout(self.ref, seats)
        cur = L["current"]
        return [self._reading(valid, self.D["current"], f"valid votes over electorate in {label} = {valid:.2f}%",
                              f"{cur} turnout in {label} (valid votes, the Commons Library definition)"),
                self._reading(ballots, self.D["current"], f"valid and rejected ballots over electorate in {label} = "
                              f"{ballots:.2f}%", f"{cur} turnout in {label} counting rejected ballots")], None

    # ------------------------------------------------------------ groups
    def _r_aggregate(self, lc, seat, person, era):
        L = self.L
        cc = lc.candidate
        scope = cc.scope
        role = (cc.role or "").split(";")[0]
        if scope is None or scope.group is None:
            return [], "The group of seats is not defined."
        seats, label = self._scope_seats(scope)
        listing = agg.names(self.ref, seats)
        if role == "threshold":
            return [], (f"unverifiable: {cc.quote} is the threshold that defines the group ({len(seats)} seats: "
                        f"{listing}), not a result")
        if role == "group_count":
            return [self._reading(len(seats), self.D.get("census", ""),
                                  f"{len(seats)} seats: {listing}", f"number of {scope.group.label}")], None
        party = lc.party
        if party is None:
            return [], "The sentence does not say which party's vote this is."
        name = display_name(party)
        if role == "group_average_change":
            mean, n = agg.average_change(self.ref, party, seats)
            if mean is None:
                return [], f"{name} has no recorded change in these seats."
            value = mean if cc.quantity.signed or mean >= 0 else -mean
            return [self._reading(value, self.D["current"],
                                  f"mean change in {name} share over the {n} such seats it fought: {mean:+.2f} points "
                                  f"({listing})", f"average change in {name} share in {label}")], None
        election = "previous" if era in ("previous", "either") else "current"
        t = agg.total(self.ref, party, seats, election)
        out = [self._reading(t.share, self.D[election],
                             f"{name} {_n(t.votes)} of {_n(t.valid)} valid votes = {_pct(t.share)} ({listing})",
                             f"{name} combined {L[election]} share in {label}")]
        if era == "either":
            t = agg.total(self.ref, party, seats)
            out.append(self._reading(t.share, self.D["current"], f"{name} {t.votes:,} of {t.valid:,} = {t.share:.2f}%",
                                     f"{name} combined {L['current']} share in {label}"))
        return out, None

    # ------------------------------------------------------------ one place's people
    def _r_demographic(self, lc, seat, person, era):
        if seat is None:
            return [], None
        role = role_has(lc.candidate, "residents") and "residents" or "electorate"
        religion = (lc.candidate.role or "").split(";")[0].split(":", 1)[-1]
        share = agg.religion_share(self.ref, seat.ons_id, religion)
        if share is None:
            return [], f"The Census 2021 table has no religion figures for {seat.name} (England and Wales only)."
        reading = self._reading(share, self.D["census"], f"{religion} residents of {seat.name}: {share:.1f}% (Census 2021)",
                                f"Census 2021 {religion} share of residents in {seat.name}")
        if role == "electorate":
            return [reading], (f"unverifiable: the claim is about the electorate, which the census does not count; "
                               f"{share:.1f}% of {seat.name}'s residents were {religion} in 2021")
        return [reading], None


def _n(value: Optional[int]) -> str:
    return "not held" if value is None else f"{value:,}"


def _pct(value: Optional[float]) -> str:
    return "not held" if value is None else f"{value:.2f}%"


def _party_after(sentence: str, pos: int) -> Optional[str]:
    m = TO_PARTY.match(sentence[pos:pos + 50])
    if not m:
        return None
    words = m.group("party").split()
    for n in range(min(4, len(words)), 0, -1):
        code = ALIAS_INDEX.get(fold(" ".join(words[:n])))
        if code:
            return code
    return None


def dedupe(readings):
    """Readings in order, each (value, dataset) once: two baselines agreeing need not be listed twice."""
    seen, out = set(), []
    for r in readings:
        k = (None if r.value is None else round(r.value, 6), r.dataset, r.label if r.value is None else "")
        if k not in seen:
            seen.add(k)
            out.append(r)
    return out

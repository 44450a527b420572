"""Places: the seats behind "Norfolk's ten seats", "across Wales" and "the capital".

A wrong membership turns a right count into a false "inaccurate", so the
table is checked against the official tables wherever they can speak: every
seat exists under its own name, regions and nations are the tables' own
columns, the English counties partition England's seats, and a seat that
straddles two counties is in both.
"""
from __future__ import annotations

import csv
from collections import Counter, defaultdict

import pytest

from conftest import DATA
from factcheck.reference.parties import fold
from factcheck.reference.places import KINDS, Place, find_places, place_seats, places_named


@pytest.fixture(scope="session")
def places(ref):
    return ref.places


@pytest.fixture(scope="session")
def by_name(ref):
    return {s.name: s.ons_id for s in ref.seats.values()}


def _rows(name):
    with open(DATA / name, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def _names(ref, codes):
    return sorted(ref.seats[c].name for c in codes)


# ------------------------------------------------------------------ the table
def test_every_listed_seat_is_a_2024_seat_under_its_own_name(ref):
    rows = _rows("place-seats.csv")
    assert rows
    for r in rows:
        assert r["ons_id"] in ref.seats, r
        assert ref.seats[r["ons_id"]].name == r["constituency"], r


def test_every_place_has_seats_and_they_exist(ref, places):
    assert len(places.places) == len(_rows("places.csv"))
    for place in places.places:
        assert place.kind in KINDS
        assert place.seats, place.name
        assert set(place.seats) <= set(ref.seats)
        assert set(place.core) | set(place.cross_border) == set(place.seats)
        assert not set(place.core) & set(place.cross_border)


def test_every_alias_resolves_to_its_place(places):
    for place in places.places:
        for alias in place.aliases:
            assert place in places.places_named(alias), (alias, place.name)
            assert places.place_seats(alias) is not None


def test_aliases_that_name_two_places_are_marked_shared():
    owners = defaultdict(list)
    for r in _rows("places.csv"):
        shared = {fold(a) for a in r["shared"].split("|") if a}
        for alias in r["aliases"].split("|"):
            owners[fold(alias)].append((r["place"], fold(alias) in shared))
    for alias, who in owners.items():
        if len(who) > 1:
            assert all(marked for _, marked in who), (alias, who)


def test_no_alias_is_a_seat_name(ref, places):
    seat_names = {fold(s.name) for s in ref.seats.values()}
    assert not {fold(a) for p in places.places for a in p.aliases} & seat_names


# ------------------------------------------------------------------ sizes the tables confirm
@pytest.mark.parametrize("name, column", [
    ("England", "country"), ("Scotland", "country"), ("Wales", "country"), ("Northern Ireland", "country"),
    ("North East", "region"), ("North West", "region"), ("Yorkshire and The Humber", "region"),
    ("East Midlands", "region"), ("West Midlands", "region"), ("East of England", "region"),
    ("London", "region"), ("South East", "region"), ("South West", "region"),
])
def test_regions_and_nations_are_the_tables_own_columns(ref, places, name, column):
    place = places.place_seats(name)
    assert place.name == name
    expected = {s.ons_id for s in ref.seats.values() if getattr(s, column) == name}
    assert set(place.seats) == set(place.core) == expected
    assert not place.cross_border


def test_nation_and_region_sizes(places):
    sizes = {p.name: len(p.seats) for p in places.places}
    assert (sizes["England"], sizes["Scotland"], sizes["Wales"], sizes["Northern Ireland"]) == (543, 57, 32, 18)
    assert sizes["United Kingdom"] == 650 and sizes["Great Britain"] == 632
    assert sizes["London"] == 75
    assert sizes["the Midlands"] == sizes["East Midlands"] + sizes["West Midlands"]


def test_english_counties_partition_england(ref, places):
    """Every English seat is wholly in one county, or straddles two or more and is listed in each."""
    counties = [p for p in places.places if p.kind == "county"]
    london = places.place_seats("Greater London")
    core = Counter(s for p in counties for s in p.core)
    cross = Counter(s for p in counties for s in p.cross_border)
    for seat in ref.seats.values():
        if seat.country != "England":
            continue
        if seat.ons_id in london.seats:
            assert not core[seat.ons_id] and not cross[seat.ons_id], seat.name
            continue
        ok = (core[seat.ons_id] == 1 and not cross[seat.ons_id]) or (not core[seat.ons_id] and cross[seat.ons_id] >= 2)
        assert ok, (seat.name, core[seat.ons_id], cross[seat.ons_id])


def test_a_county_lies_in_one_nation(ref, places):
    for place in places.places:
        if place.kind in ("county", "city"):
            assert len({ref.seats[s].country for s in place.core or place.seats}) == 1, place.name


@pytest.mark.parametrize("name, seats", [
    ("Norfolk", (9, 10)),  # Waveney Valley straddles Norfolk and Suffolk
    ("Suffolk", (7, 8)),
    ("Glasgow", (6, 6)),
    ("Cornwall", (6, 6)),
    ("Kent", (18, 18)),
    ("Essex", (18, 18)),
    ("Greater Manchester", (27, 27)),
    ("Edinburgh", (4, 5)),
])
def test_sizes_of_places(places, name, seats):
    assert places.place_seats(name).seat_count_range() == seats


def test_cross_border_seats_appear_in_each_place_they_straddle(ref, places, by_name):
    waveney = by_name["Waveney Valley"]
    assert waveney in places.place_seats("Norfolk").cross_border
    assert waveney in places.place_seats("Suffolk").cross_border
    farnham = by_name["Farnham and Bordon"]
    assert farnham in places.place_seats("Surrey").cross_border
    assert farnham in places.place_seats("Hampshire").cross_border
    rutland = by_name["Rutland and Stamford"]
    assert places.place_seats("Rutland").seats == (rutland,)
    assert rutland in places.place_seats("Lincolnshire").cross_border


def test_a_union_counts_a_seat_straddling_its_own_parts_as_inside(places, by_name):
    sussex = places.place_seats("Sussex")
    assert by_name["East Grinstead and Uckfield"] in sussex.core
    assert len(sussex.seats) == 17 and not sussex.cross_border
    yorkshire = [p for p in places.places_named("Yorkshire") if p.name == "Yorkshire"][0]
    assert by_name["Wetherby and Easingwold"] in yorkshire.core
    assert by_name["Doncaster East and the Isle of Axholme"] in yorkshire.cross_border


def test_the_north_east_and_north_yorkshire_is_the_region_with_the_county(ref, places):
    patch = places.place_seats("North East and North Yorkshire")
    north_east = {s.ons_id for s in ref.seats.values() if s.region == "North East"}
    county = places.place_seats("North Yorkshire")
    assert set(patch.seats) == north_east | set(county.seats)
    assert north_east <= set(patch.core) and set(county.core) <= set(patch.core)
    assert place_seats("the North East and North Yorkshire", ref).name == "North East and North Yorkshire"


def test_a_count_fits_with_or_without_cross_border_seats(places):
    norfolk = places.place_seats("Norfolk")
    assert norfolk.fits_seat_count(9) and norfolk.fits_seat_count(10)
    assert not norfolk.fits_seat_count(8) and not norfolk.fits_seat_count(11)


def test_a_city_is_also_counted_by_the_seats_named_after_it(places):
    bradford = places.place_seats("Bradford")
    assert len(bradford.seats) == 5 and len(bradford.named) == 3
    assert bradford.fits_seat_count(3) and bradford.fits_seat_count(5) and not bradford.fits_seat_count(4)


# ------------------------------------------------------------------ lookups
@pytest.mark.parametrize("alias, name", [
    ("the Duchy", "Cornwall"),
    ("Cornish", "Cornwall"),
    ("the capital", "London"),
    ("Greater London", "London"),
    ("the Potteries", "Stoke-on-Trent"),
    ("Hull", "Kingston upon Hull"),
    ("the Highlands", "Highland"),
    ("Co. Durham", "Durham"),
    ("the North East", "North East"),
    ("north-east England", "North East"),
    ("Yorkshire & the Humber", "Yorkshire and The Humber"),
    ("across Wales", None),
    ("Atlantis", None),
])
def test_place_seats(ref, alias, name):
    place = place_seats(alias, ref)
    assert (place.name if place else None) == name


@pytest.mark.parametrize("alias, names", [
    ("North Yorkshire", ["North Yorkshire", "North Yorkshire (council area)"]),
    ("Lincolnshire", ["Lincolnshire", "Lincolnshire (council area)"]),
    ("the capital", ["London", "Edinburgh", "Cardiff", "Belfast"]),
    ("West Midlands", ["West Midlands", "West Midlands county"]),
    ("Britain", ["United Kingdom", "Great Britain"]),
])
def test_an_ambiguous_alias_gives_every_reading(ref, alias, names):
    assert [p.name for p in places_named(alias, ref)] == names


def test_the_council_area_is_smaller_than_the_ceremonial_county(places):
    county, council = places.places_named("North Yorkshire")
    assert set(council.seats) < set(county.seats)


# ------------------------------------------------------------------ finding places in sentences
def _found(ref, sentence):
    return [(sentence[a:b], p.name) for a, b, p in find_places(sentence, ref)]


@pytest.mark.parametrize("sentence, expected", [
    ("Labour took seven of Norfolk's ten seats.", [("Norfolk", "Norfolk")]),
    ("The Tories were wiped out across Kent.", [("Kent", "Kent")]),
    ("Turnout in the capital fell.", [("the capital", "London")]),
    ("The SNP kept one of Glasgow’s six seats.", [("Glasgow", "Glasgow")]),
    ("The Lib Dems now hold every seat in the Duchy.", [("the Duchy", "Cornwall")]),
    ("Reform came second across the north-east.", [("the north-east", "North East")]),
    ("Labour won 27 seats across Wales and 37 in Scotland.", [("Wales", "Wales"), ("Scotland", "Scotland")]),
    ("Two seats in the Black Country changed hands.", [("the Black Country", "the Black Country")]),
    ("Voters in Stoke-on-Trent elected three new MPs.", [("Stoke-on-Trent", "Stoke-on-Trent")]),
    ("Voters in Tyne & Wear went Labour.", [("Tyne & Wear", "Tyne and Wear")]),
    ("Labour swept Greater Manchester.", [("Greater Manchester", "Greater Manchester")]),
])
def test_find_places(ref, sentence, expected):
    assert _found(ref, sentence) == expected


@pytest.mark.parametrize("sentence", [
    "The result in Birmingham Yardley was close.",  # a seat, not the city
    "She held North Norfolk for the Lib Dems.",  # a seat, not the county
    "Scottish Labour gained the seat.",  # a party, not the nation
    "Turnout was low in north Wales.",  # a smaller place than Wales
    "Seats in inner London went Green.",  # a smaller place than London
    "Labour gained Stoke North.",  # a seat written short
    "The hull of the ship was painted.",  # an ordinary word
    "He joined the Borders ahead of the vote, he said of the borders.",
])
def test_find_places_leaves_other_names_alone(ref, sentence):
    found = _found(ref, sentence)
    if "the Borders" in sentence:
        assert found == [("the Borders", "Scottish Borders")]
    else:
        assert found == []


@pytest.mark.parametrize("sentence, part", [
    ("Seats in inner London went Green.", "London"),
    ("Turnout was low in south Manchester.", "Manchester"),
    ("Labour won every seat in London.", None),
    ("The result in Birmingham Yardley was close.", None),
])
def test_a_place_named_only_in_part_is_known_as_such(ref, sentence, part):
    """"inner London" is no place of the table, but it is part of London: what a sentence counts there is not
    London's whole count (readings/subjects.py makes London's a guess)."""
    assert [p.name for p in ref.places.parts_named(sentence)] == ([part] if part else [])


def test_a_compass_region_before_a_place_qualifies_it(ref):
    assert _found(ref, "Turnout in North East Lincolnshire was 52%.") == []
    assert _found(ref, "In the North East, Labour won 26 seats.") == [("the North East", "North East")]


def test_place_is_frozen():
    with pytest.raises(Exception):
        Place(name="x", kind="county", definition="", aliases=(), seats=(), core=(), cross_border=()).name = "y"


def test_phrases_that_only_look_like_places(ref):
    assert _found(ref, "The Bank of England and the Church of Scotland were closed.") == []
    assert _found(ref, "Turnout across the Highlands and Islands was low.") == []
    assert _found(ref, "She flew from New York to Glasgow.") == [("Glasgow", "Glasgow")]


def test_the_word_tables_are_well_formed():
    from factcheck.reference.places import MODIFIERS_TABLE, STOP_PHRASES_TABLE

    with open(MODIFIERS_TABLE, newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert rows and all(r["word"].strip() and " " not in r["word"].strip() for r in rows)
    assert all(r[c] in ("", "yes") for r in rows for c in ("qualifier", "compass", "seat_suffix"))
    compass = {r["word"] for r in rows if r["compass"] == "yes"}
    assert {"north", "south", "east", "west"} <= compass
    with open(STOP_PHRASES_TABLE, newline="", encoding="utf-8") as fh:
        phrases = list(csv.DictReader(fh))
    assert phrases and all(len(r["phrase"].split()) > 1 and r["why"] for r in phrases)


# ------------------------------------------------------------------ a broken table is refused
@pytest.fixture
def data(tmp_path, monkeypatch):
    import shutil
    import stat

    monkeypatch.setenv("FACTCHECK_CACHE", str(tmp_path / "cache"))
    target = tmp_path / "reference_data"
    shutil.copytree(DATA, target)
    for f in target.iterdir():
        f.chmod(f.stat().st_mode | stat.S_IWUSR)
    return target


def _damage(data, name, old, new):
    path = data / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize("name, old, new, message", [
    ("place-seats.csv", "Norfolk,E14001", "Norfolk,X14001", "is not a 2024 constituency"),
    ("place-seats.csv", ",Waveney Valley,yes", ",Waveney Vale,yes", "is Waveney Valley, not Waveney Vale"),
    ("place-seats.csv", ",Waveney Valley,yes", ",Waveney Valley,maybe", "cross_border must be yes or no"),
    ("places.csv", "Kent,county,Kent,", "Kent,county,Kent|Norfolk,", "alias 'norfolk' names Kent and Norfolk but is not marked shared"),
    ("places.csv", "Kent,county,Kent,", "Kent,shire,Kent,", "kind 'shire' is not one of"),
    ("places.csv", "Kent,county,Kent,", "Kent,county,Kent|Bath,", "is also the name of the seat Bath"),
    ("places.csv", "East Midlands|West Midlands", "East Midlands|Mercia", "is made of 'Mercia', which is not a place"),
    ("places.csv", "East Midlands|West Midlands", "East Midlands|the Midlands", "the Midlands is made of itself"),
    ("party-blocs.csv", "DUP|UUP|TUV,\n", "DUP|UUP|XYZ,\n", "'XYZ' is not a party code"),
    ("party-blocs.csv", "N05000013:Alex Easton", "N05000013:Alex Eastern", "Alex Eastern did not stand in N05000013"),
])
def test_a_damaged_place_or_bloc_table_is_refused(data, name, old, new, message):
    from factcheck.reference import ReferenceDataError, UK2024

    _damage(data, name, old, new)
    with pytest.raises(ReferenceDataError) as info:
        UK2024(data, verify_checksums=False)
    assert message in str(info.value) and name in str(info.value)
    assert "\n" not in str(info.value)


def test_an_edited_place_table_fails_its_checksum(data):
    from factcheck.reference import ReferenceDataError, UK2024

    _damage(data, "places.csv", "the Duchy|", "the Duchy|Kernow Duchy|")
    with pytest.raises(ReferenceDataError, match="places.csv: checksum mismatch"):
        UK2024(data)


def test_a_partys_count_in_a_place_may_include_straddling_seats(ref, places, by_name):
    """Devon: the Lib Dems won Tiverton and Minehead, which is partly in Somerset."""
    devon = places.place_seats("Devon")
    lib_dem = {s.ons_id for s in ref.seats.values() if s.winner.party == "LD"}
    low, high = devon.count_range(lib_dem)
    assert high == low + 1 and by_name["Tiverton and Minehead"] in lib_dem
    assert devon.count_range(set()) == (0, 0)


@pytest.mark.parametrize("alias, count", [
    ("Gloucestershire", 7),  # the county council's area, South Cotswolds in
    ("Gloucestershire", 10),  # the ceremonial county, with South Gloucestershire and Hanham
    ("Somerset", 11),  # the ceremonial county with both straddling seats
    ("Devon", 13),  # with Tiverton and Minehead
    ("County Durham", 5),
    ("East Riding", 6),
])
def test_a_count_that_fits_any_reading(places, alias, count):
    assert any(p.fits_seat_count(count) for p in places.places_named(alias)), (
        alias, [(p.name, p.seat_count_range()) for p in places.places_named(alias)])


@pytest.mark.parametrize("alias, count", [("Gloucestershire", 4), ("Devon", 15), ("Kent", 17), ("Glasgow", 7)])
def test_a_count_that_fits_no_reading(places, alias, count):
    assert not any(p.fits_seat_count(count) for p in places.places_named(alias))


def test_the_places_a_seat_is_in(places, by_name):
    waveney = by_name["Waveney Valley"]
    assert [p.name for p in places.places_of(waveney, "county")] == ["Norfolk", "Suffolk"]
    names = {p.name for p in places.places_of(by_name["Glasgow East"])}
    assert {"United Kingdom", "Great Britain", "Scotland", "Glasgow"} <= names
    assert "England" not in names


def test_the_scottish_highlands(ref):
    assert _found(ref, "Across the Scottish Highlands the Lib Dems gained ground.") == [
        ("the Scottish Highlands", "Highland")]

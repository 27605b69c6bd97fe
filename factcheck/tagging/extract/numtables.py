"""Tables behind :mod:`numbers`: number words, scales, currencies, units, qualifiers.

Everything the number tagger recognises is listed here; docs/tagger.md quotes
these tables.  Keys are lowercase.
"""

from __future__ import annotations

from typing import Final


def words(s: str) -> frozenset[str]:
    """A word table from a space-separated string."""
    return frozenset(s.split())


ONES: Final = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19,
}  # fmt: skip
TENS: Final = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
FRACTIONS: Final = {
    "half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4,
    "fifth": 5, "fifths": 5, "tenth": 10, "tenths": 10,
}  # fmt: skip
SCALES: Final = {
    "hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
    "k": 1e3, "m": 1e6, "mn": 1e6, "mln": 1e6, "b": 1e9, "bn": 1e9, "tn": 1e12,
    "trn": 1e12,
}  # fmt: skip
# Scale abbreviations that only count as a scale after a currency ("$5m").
CURRENCY_ONLY_SCALES: Final = frozenset({"k", "m", "b"})

# Currency written before the amount.  A bare "$" is read as USD, "¥" as JPY.
CURRENCY_PREFIX: Final = {
    "us$": "USD", "$": "USD", "a$": "AUD", "au$": "AUD", "c$": "CAD", "ca$": "CAD",
    "nz$": "NZD", "hk$": "HKD", "s$": "SGD", "r$": "BRL", "€": "EUR", "£": "GBP",
    "¥": "JPY", "cn¥": "CNY", "rmb": "CNY", "₹": "INR", "rs": "INR", "rs.": "INR",
    "₩": "KRW", "₽": "RUB", "₺": "TRY", "₪": "ILS", "₦": "NGN", "usd": "USD",
    "eur": "EUR", "gbp": "GBP", "jpy": "JPY", "cny": "CNY", "chf": "CHF", "inr": "INR",
    "aud": "AUD", "cad": "CAD", "hkd": "HKD",
}  # fmt: skip
# Currency written after the amount ("5 million euros").
CURRENCY_SUFFIX: Final = {
    "dollars": "USD", "dollar": "USD", "us dollars": "USD", "u.s. dollars": "USD",
    "australian dollars": "AUD", "canadian dollars": "CAD", "hong kong dollars": "HKD",
    "new zealand dollars": "NZD", "singapore dollars": "SGD", "euros": "EUR",
    "euro": "EUR", "pounds sterling": "GBP", "sterling": "GBP", "yen": "JPY",
    "yuan": "CNY", "renminbi": "CNY", "rupees": "INR", "roubles": "RUB",
    "rubles": "RUB", "swiss francs": "CHF", "francs": "CHF", "rand": "ZAR",
    "naira": "NGN", "shekels": "ILS", "lira": "TRY", "pesos": "MXN", "won": "KRW",
    "usd": "USD", "eur": "EUR", "gbp": "GBP", "jpy": "JPY", "cny": "CNY", "chf": "CHF",
}  # fmt: skip
PERCENT_UNITS: Final = {
    "%": "percent", "percent": "percent", "per cent": "percent", "pct": "percent",
    "percentage points": "percentage_point", "percentage point": "percentage_point",
    "basis points": "basis_point", "basis point": "basis_point",
}  # fmt: skip
TIME_UNITS: Final = {
    "second": "second", "seconds": "second", "minute": "minute", "minutes": "minute",
    "hour": "hour", "hours": "hour", "day": "day", "days": "day", "week": "week",
    "weeks": "week", "month": "month", "months": "month", "year": "year",
    "years": "year", "decade": "decade", "decades": "decade", "century": "century",
    "centuries": "century",
}  # fmt: skip
MEASURE_UNITS: Final = {
    "km": "km", "kilometres": "km", "kilometers": "km", "kilometre": "km",
    "kilometer": "km", "m": "m", "metres": "m", "meters": "m", "metre": "m", "meter": "m",
    "miles": "mile", "mile": "mile", "feet": "ft", "foot": "ft", "ft": "ft",
    "kg": "kg", "kilograms": "kg", "kilogram": "kg", "kilos": "kg", "tonnes": "tonne",
    "tonne": "tonne", "tons": "ton", "ton": "ton", "lbs": "lb", "acres": "acre",
    "acre": "acre", "hectares": "ha", "hectare": "ha", "square kilometres": "km2",
    "square kilometers": "km2", "square miles": "mi2", "litres": "l", "liters": "l",
    "barrels": "barrel", "mph": "mph", "km/h": "km/h", "degrees": "degree",
    "°c": "celsius", "°f": "fahrenheit", "°C": "celsius", "°F": "fahrenheit",
    "degrees celsius": "celsius",
    "degrees fahrenheit": "fahrenheit", "mw": "MW", "gw": "GW", "megawatts": "MW",
    "gigawatts": "GW",
}  # fmt: skip
QUALIFIERS: Final = (
    "nearly", "almost", "about", "around", "approximately", "roughly", "some",
    "more than", "less than", "fewer than", "at least", "at most", "up to",
    "as many as", "as much as", "as few as", "as little as", "close to", "just over",
    "just under", "well over", "well above", "over", "under", "below", "above",
    "in excess of", "upwards of", "no more than", "no fewer than", "no less than",
    "an estimated", "estimated", "exactly", "only", "just", "circa", "approx.",
)  # fmt: skip
# Lowercase nouns after which a number is a label, not a quantity ("flight 302").
LABEL_NOUNS: Final = words(
    "flight route page section article chapter number no no. room line platform gate episode "
    "season level phase stage category grade class size model version bus highway interstate "
    "exit district ward precinct item paragraph clause rule resolution channel track squad "
    "jersey seat unit apartment block lot"
)
# Capitalised words that may stand right before a plain number without making
# it part of a name ("In 2019", "About 40").
CAPITAL_OK: Final = words(
    "in on at by for from since until till to of about around nearly almost over some only "
    "just the a an and or but with within after before than between during through roughly "
    "approximately about estimated another all just more less fewer least up these those his "
    "her their its our of top"
)
MONTHS: Final = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6,
    "july": 7, "august": 8, "september": 9, "october": 10, "november": 11,
    "december": 12, "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7,
    "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
ORDINALS: Final = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
    "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11,
    "twelfth": 12, "thirteenth": 13, "fifteenth": 15, "twentieth": 20,
    "fiftieth": 50, "hundredth": 100,
}  # fmt: skip

"""Word tables behind the name rules in names.py: titles, organisation words, places,
calendar words, given names by gender, pronouns. Lower-case unless noted."""

from __future__ import annotations

from typing import Final

from .numtables import words

TITLES: Final = words(
    "president vice-president president-elect secretary minister premier chancellor senator "
    "sen. sen rep. representative congressman congresswoman governor gov. mayor judge justice "
    "ambassador spokesman spokeswoman spokesperson chairman chairwoman chair ceo cfo director "
    "chief executive officer commissioner general gen. colonel col. captain capt. king queen "
    "prince princess pope dr. dr mr. mr mrs. mrs ms. ms prof. professor lady sir dame lord "
    "deputy leader coach manager inspector sergeant lieutenant detective attorney dean bishop "
    "archbishop rabbi imam sheikh emir sultan councillor councilor founder head speaker "
    "prosecutor sheriff superintendent commander admiral marshal whip representative "
    "represenative officer presidents assemblywoman assemblyman councilwoman councilman "
    "alderman chairperson commissioner fellow actor actress singer rapper comedian author "
    "writer novelist artist musician journalist reporter editor astronaut legislator lawmaker"
)
# words between a title and the name that belong to the office ("Secretary of State X")
OFFICE_WORDS: Final = words(
    "state defense defence treasury commerce foreign affairs interior health justice trade "
    "finance energy education transport labor labour agriculture home homeland security "
    "emergencies economy u.s. us chinese russian british french german executive general "
    "first regional federal national former acting interim"
)
ORG_WORDS: Final = words(
    "ministry committee service council agency department commission inc inc. corp corp. "
    "corporation ltd ltd. company co. group bank university association party office police "
    "court union organization organisation institute foundation fund house times post news "
    "network board authority bureau centre center force forces army navy embassy government "
    "administration parliament congress senate assembly federation league club airlines "
    "airways press journal tribune guardian telegraph herald agency guard hospital school "
    "college church trust society alliance coalition movement front channel radio tv "
    "television media reuters bloomberg twitter facebook google microsoft apple amazon "
    "ministry's commission's cabinet kremlin pentagon federal reserve wikinews nasa fbi "
    "cia who un nato eu icc imf opec reuters' observatory institute laboratory lab brigade "
    "agence presse afp ap pap xinhua tass bbc cnn cnbc abc nbc cbs fox npr legislature "
    "yuan council's ministry commission squad unit division coast station airport railway "
    "railways inc. llc plc gmbh sa ag conference survey constitution charter"
)
ORG_ADJECTIVES: Final = words(
    "national international united federal royal state general central world global "
    "european african asian democratic republican socialist liberal conservative islamic "
    "supreme high joint"
)
PLACES: Final = words(
    "china russia ukraine iran iraq syria israel gaza india pakistan japan korea taiwan "
    "germany france italy spain britain england scotland wales ireland canada mexico brazil "
    "australia africa europe asia america u.s. us usa uk u.k. eu washington beijing moscow "
    "london paris berlin tokyo geneva brussels kyiv kiev tehran delhi new york california "
    "texas florida hong kong venezuela turkey egypt nigeria kenya argentina chile peru "
    "colombia poland sweden norway finland denmark netherlands belgium switzerland austria "
    "greece portugal indonesia philippines vietnam thailand malaysia singapore zealand u.s "
    "alabama alaska arizona arkansas colorado connecticut delaware georgia hawaii idaho "
    "illinois indiana iowa kansas kentucky louisiana maine maryland massachusetts michigan "
    "minnesota mississippi missouri montana nebraska nevada ohio oklahoma oregon pennsylvania "
    "tennessee utah vermont virginia wisconsin wyoming "
    "united states kingdom emirates nations "
    "chinese american russian british french german italian spanish japanese korean indian "
    "iranian israeli ukrainian european african asian canadian mexican australian turkish"
)
# Words that make a capitalised run a place, an event or a thing, never a person:
# "Eastern Mediterranean", "Iran–Iraq War", "Sacred Defence Week", "Hurricane Humberto".
NOT_PERSON: Final = words(
    "mediterranean sea ocean river island islands mountains mountain gulf strait bay lake "
    "province region valley desert coast peninsula county city war week games olympics cup "
    "championship championships festival act treaty amendment agreement summit prize award "
    "awards hurricane storm typhoon cyclone bill protocol accord tournament album film "
    "square street avenue road bridge park mosque temple cathedral palace tower museum "
    "stadium eastern western northern southern"
)
CALENDAR: Final = words(
    "monday tuesday wednesday thursday friday saturday sunday january february march april "
    "may june july august september october november december"
)
STOP_CAPS: Final = words(
    "the a an in on at as but and so for if when while after before since however meanwhile "
    "still also then now according despite during although though this that these those "
    "there it he she they we i you his her its their our my your any some many most all both "
    "what who why how where which no not yes by from with without to of over under about "
    "chief among absent whether any other another each every several such one two three "
    "more less further later earlier instead even just only because yet once dear"
)
POSTNOMINALS: Final = words("qc kc mp mep obe mbe cbe jr sr phd md esq")
MALE_TITLES: Final = words("mr. mr king prince sir lord spokesman chairman congressman pope")
FEMALE_TITLES: Final = words(
    "mrs. mrs ms. ms queen princess lady dame spokeswoman chairwoman congresswoman"
)
MALE_NAMES: Final = words(
    "donald joe john james robert michael william david richard joseph thomas charles "
    "christopher daniel matthew mark paul steven andrew kenneth george edward brian ronald "
    "anthony kevin jason jeff jeffrey scott howard mike mitch bernie boris emmanuel vladimir "
    "xi narendra justin jair recep benjamin rishi keir olaf pedro javier jamieson barack bill "
    "elon tim oleg yevgeny sergei dmitry ali mohammed muhammad ahmed jean pierre hans"
)
FEMALE_NAMES: Final = words(
    "mary patricia jennifer linda elizabeth barbara susan jessica sarah karen nancy lisa "
    "margaret betty sandra ashley kimberly emily donna michelle melania hillary kamala "
    "angela theresa ursula jacinda nicola giorgia marine christine nikki liz kate anna maria "
    "sophie laura julia catherine claudia alexandria ilhan greta"
)
PRONOUNS: Final = {
    "he": "m", "him": "m", "his": "m", "she": "f", "her": "f", "hers": "f",
    "they": "pl", "them": "pl", "their": "pl", "it": "org", "its": "org",
}  # fmt: skip

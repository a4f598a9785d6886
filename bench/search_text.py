"""The text of the search benchmark's practices: deterministic, in Swedish and English.

Topics, partners and sentence banks that `Writer` fills in; the same seed gives the same text.
Part of bench/search.py (imported as a sibling module, standard library only).
"""

from __future__ import annotations

import random
import uuid

# (Swedish, English) topics; earlier ones are drawn more often (a Zipf-like spread), so some
# words are in thousands of practices and others in a few dozen.
TOPICS = [
    ("språkcafé", "language café"),
    ("mötesplats", "meeting place"),
    ("praktikplats", "work placement"),
    ("läxhjälp", "homework help"),
    ("mentorprogram", "mentoring programme"),
    ("föräldragrupp", "parents' group"),
    ("samhällsorientering", "civic orientation"),
    ("studiecirkel", "study circle"),
    ("yrkessvenska", "vocational Swedish"),
    ("jobbcoachning", "job coaching"),
    ("hälsoskola", "health school"),
    ("simskola", "swimming school"),
    ("cykelskola", "cycling school"),
    ("kulturtolk", "cultural interpreter"),
    ("brobyggare", "bridge builder"),
    ("lärlingsutbildning", "apprenticeship"),
    ("sommarjobb", "summer job"),
    ("valideringsinsats", "skills validation"),
    ("bostadsskola", "housing school"),
    ("familjecentral", "family centre"),
    ("idrottsförening", "sports club"),
    ("körkortsutbildning", "driving licence course"),
    ("företagsbesök", "company visit"),
    ("digital vägledning", "digital guidance"),
    ("trädgårdsprojekt", "garden project"),
]
PARTNERS = [
    "Arbetsförmedlingen",
    "Migrationsverket",
    "Region",
    "Länsstyrelsen",
    "Studieförbundet Vuxenskolan",
    "ABF",
    "Röda korset",
    "Rädda barnen",
    "Svenska kyrkan",
    "IKEA",
    "Folkhögskolan",
    "Biblioteket",
]

SV_SENTENCES = [
    "Deltagarna träffas på {topic_def} varje vecka tillsammans med {group}.",
    "Många av {group} hade inte tidigare haft kontakt med arbetsmarknaden i Sverige.",
    "Skolorna i kommunen samarbetar med socialtjänsten kring {topic}.",
    "Vi började med en liten grupp och har nu flera {topic_pl} i olika stadsdelar.",
    "Tillsammans med {partner} erbjuder vi {topic} på svenska och modersmål.",
    "Utmaningen var att nå de nyanlända som inte deltog i någon annan verksamhet.",
    "Efter ett år hade {number} deltagare fått arbete eller börjat studera.",
    "Mötesplatserna blev en naturlig plats för samtal om vardagen i kommunen.",
    "Föräldrarna fick information om förskolan, skolan och fritidsverksamheten.",
    "Vi lärde oss att det behövs tid för att bygga förtroende med deltagarna.",
    "Det som inte fungerade var att ha träffarna på dagtid när många arbetade.",
    "Projektet finansierades med statsbidrag och kommunens egna medel.",
    "Insatsen har utvärderats externt och resultaten är lovande.",
    "Kvinnorna i gruppen ville framför allt träna på att tala svenska.",
    "Ungdomarna fick en mentor som de träffade varannan vecka under terminen.",
    "Bibliotekets personal hjälpte till med digitala ärenden och språkstöd.",
    "Samarbetet med {partner} gjorde det lättare att hitta praktikplatser.",
    "Flera av deltagarna har i dag egna {topic_pl} i bostadsområdet.",
    "Kommunen har sedan dess gjort {topic} till en del av den ordinarie verksamheten.",
    "Det krävs en samordnare på halvtid och lokaler som är lätta att hitta.",
    "I en mindre kommun kan insatsen drivas av en förening med stöd av kommunen.",
    "Hälsoskolan tog upp frågor om tandvård, vaccinationer och psykisk hälsa.",
    "Barnen fick läxhjälp medan föräldrarna deltog i samhällsorienteringen.",
    "Vi har följt upp {number} deltagare och de flesta är nöjda med stödet.",
    "Integrationen går snabbare när nyanlända får ett nätverk på orten.",
    "Arbetsgivarna uppskattade att deltagarna hade förberetts inför praktiken.",
    "Språkcaféet lockade både nyanlända och personer som bott länge i Sverige.",
    "Ensamkommande ungdomar fick stöd att hitta boende efter arton års ålder.",
    "Vi anpassade materialet efter deltagarnas erfarenheter och behov.",
    "Träffarna hölls i {place} och annonserades via skolor och föreningar.",
]
EN_SENTENCES = [
    "Participants meet at the {topic} every week together with {group}.",
    "Many of the {group} had no previous contact with the labour market in Sweden.",
    "The schools in the municipality work with social services on {topic}.",
    "We started with a small group and now run several {topic_pl} in different districts.",
    "Together with {partner} we offer {topic} in Swedish and in mother tongues.",
    "The challenge was to reach newcomers who took part in no other activity.",
    "After one year {number} participants had found work or started studying.",
    "The meeting places became a natural place to talk about everyday life.",
    "Parents were told about pre-school, school and leisure activities.",
    "We learned that it takes time to build trust with the participants.",
    "What did not work was holding the meetings in the daytime when many were working.",
    "The project was funded by a state grant and the municipality's own budget.",
    "The work has been evaluated externally and the results are promising.",
    "The women in the group above all wanted to practise speaking Swedish.",
    "The young people had a mentor whom they met every other week.",
    "Library staff helped with digital errands and language support.",
    "Working with {partner} made it easier to find work placements.",
    "Refugees and other newcomers get a network in the local community.",
    "The municipality has since made {topic} part of its regular services.",
    "It takes a half-time coordinator and premises that are easy to find.",
    "Employers appreciated that participants had been prepared for the placement.",
    "Unaccompanied minors were helped to find housing after turning eighteen.",
    "The meetings were held in {place} and announced through schools and clubs.",
]
SV_TITLES = [
    "{Topic} för {group}",
    "{Topic} i {place}",
    "{Topic} och {topic2}",
    "Från {topic} till arbete",
    "{Topic} för {group} i {place}",
    "Nya vägar: {topic}",
]
EN_TITLES = [
    "{Topic} for {group}",
    "{Topic} in {place}",
    "{Topic} and {topic2}",
    "From {topic} to work",
    "{Topic} for {group} in {place}",
    "New paths: {topic}",
]
SV_PLURALS = {
    "mötesplats": "mötesplatser",
    "språkcafé": "språkcaféer",
    "studiecirkel": "studiecirklar",
}
SV_DEFINITE = {"mötesplats": "mötesplatsen", "språkcafé": "språkcaféet", "bibliotek": "biblioteket"}


class Writer:
    """Deterministic synthetic text in Swedish and English about one practice."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        weights = [1 / (rank + 1) for rank in range(len(TOPICS))]
        self.topic_weights = weights

    def topic(self) -> int:
        return self.rng.choices(range(len(TOPICS)), weights=self.topic_weights)[0]

    def slots(self, language: str, topic: int, topic2: int, group: str, place: str) -> dict:
        sv, en = TOPICS[topic]
        word = sv if language == "sv" else en
        return {
            "topic": word,
            "Topic": word[:1].upper() + word[1:],
            "topic2": (TOPICS[topic2][0] if language == "sv" else TOPICS[topic2][1]),
            "topic_pl": SV_PLURALS.get(sv, sv) if language == "sv" else en + "s",
            "topic_def": SV_DEFINITE.get(sv, sv) if language == "sv" else en,
            "group": group.lower(),
            "place": place,
            "partner": self.rng.choice(PARTNERS),
            "number": self.rng.randrange(8, 240),
        }

    def sentences(self, language: str, count: int, slots: dict) -> str:
        bank = SV_SENTENCES if language == "sv" else EN_SENTENCES
        return " ".join(self.rng.choice(bank).format(**slots) for _ in range(count))

    def practice(self, language: str, topic: int, topic2: int, group: str, place: str) -> dict:
        slots = self.slots(language, topic, topic2, group, place)
        titles = SV_TITLES if language == "sv" else EN_TITLES
        title = self.rng.choice(titles).format(**slots)
        para = self.sentences
        heading = "Så gjorde vi" if language == "sv" else "How we did it"
        return {
            "title": title[:250],
            "summary": para(language, 2, slots)[:400],
            "challenge": f"<p>{para(language, 3, slots)}</p>",
            "what_was_done": f"<p>{para(language, 4, slots)}</p><p>{para(language, 3, slots)}</p>",
            "results": f"<p>{para(language, 3, slots)}</p>",
            "lessons_learned": f"<p>{para(language, 2, slots)}</p>",
            "what_did_not_work": f"<p>{para(language, 1, slots)}</p>",
            "transferability": f"<p>{para(language, 2, slots)}</p>",
            "body": [
                {
                    "type": "heading",
                    "value": {"text": heading, "level": "h2"},
                    "id": str(uuid.uuid4()),
                },
                {
                    "type": "paragraph",
                    "value": f"<p>{para(language, 4, slots)}</p>",
                    "id": str(uuid.uuid4()),
                },
            ],
            "partners": [
                {
                    "type": "partner",
                    "value": {"name": slots["partner"], "kind": "authority", "role": ""},
                    "id": str(uuid.uuid4()),
                }
            ],
        }

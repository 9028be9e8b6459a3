"""The Finnish words, names and phrases of the generated volume (portal.volume), and `Texts`, which
draws titles and paragraphs from them with the generator's random.Random.

The words come in their base forms and in inflected forms, as minutes write them, so that the
searches meet what real texts give them (stemming in PostgreSQL's Finnish configuration).
"""

from __future__ import annotations

import random
from decimal import Decimal

from decisions.models import Body

#: Subjects of the county's development work, in the genitive ("Työkyvyn tuki").
TOPICS = (
    "Työkyvyn",
    "Hyvinvoinnin",
    "Mielenterveyden",
    "Ikäihmisten",
    "Lastensuojelun",
    "Kotihoidon",
    "Digitalisaation",
    "Omaishoidon",
    "Vammaispalvelujen",
    "Päihdetyön",
    "Perhekeskuksen",
    "Kuntoutuksen",
    "Työllisyyden",
    "Nuorten",
    "Ensihoidon",
    "Suun terveydenhuollon",
    "Asiakasohjauksen",
    "Kotoutumisen",
    "Osallisuuden",
    "Tietojohtamisen",
)
#: What a project does about its subject.
OBJECTS = (
    "tuen palvelut",
    "digitaaliset palvelut",
    "toimintamallin kehittäminen",
    "palveluketjun uudistus",
    "yhdyspintatyö",
    "ennaltaehkäisevä työ",
    "etäpalvelujen pilotointi",
    "vaikuttavuuden arviointi",
    "osaamisen vahvistaminen",
    "matalan kynnyksen palvelut",
)
#: The words of the running text: base forms and inflected forms.
WORDS = (
    "hanke", "hankkeen", "hankkeessa", "hankkeelle", "hankkeet", "hankkeiden",
    "työkyky", "työkyvyn", "työkykyä", "työkyvyttömyys",
    "hyvinvointi", "hyvinvoinnin", "hyvinvointia", "hyvinvointialue", "hyvinvointialueen",
    "mielenterveys", "mielenterveyden", "mielenterveyspalvelut",
    "ikäihmiset", "ikäihmisten", "ikääntyneiden",
    "lastensuojelu", "lastensuojelun", "lapsiperheiden", "perhekeskus", "perhekeskuksen",
    "kotihoito", "kotihoidon", "kotihoidossa", "omaishoito", "omaishoidon",
    "digitalisaatio", "digitalisaation", "etäpalvelut", "etävastaanotto", "sähköinen", "asiointi",
    "sote-keskus", "sote-keskuksen", "palveluverkko", "palveluverkon", "palveluketju",
    "päihdetyö", "päihdepalvelut", "vammaispalvelut", "vammaispalvelujen", "kuntoutus", "kuntoutuksen",
    "työllisyys", "työllisyyden", "työllisyysalue", "yhdyspinta", "yhdyspintojen", "järjestöt", "järjestöjen",
    "osallisuus", "osallisuuden", "nuoret", "nuorten", "maahanmuuttajat", "kotoutuminen",
    "ennaltaehkäisy", "ennaltaehkäisevä", "asiakasohjaus", "asiakasohjauksen", "saavutettavuus",
    "kehittäminen", "kehittämisen", "kehitetään", "arviointi", "arvioinnin", "toimintamalli", "toimintamallin",
    "pilotointi", "koulutus", "henkilöstö", "henkilöstön", "rekrytointi", "osaaminen",
    "ensihoito", "ensihoidon", "pelastustoimi", "tietojohtaminen", "vaikuttavuus", "vaikuttavuuden",
    "kustannukset", "kustannusten", "rahoitus", "rahoituksen", "valtionavustus", "avustuksen", "talousarvio",
    "yhteistyö", "yhteistyössä", "kuntien", "kunnat", "alueellinen", "asukkaiden", "asiakkaiden", "palvelujen",
    "tavoitteena", "vahvistetaan", "tuetaan", "edistetään", "lisätään", "selvitetään", "toteutetaan",
    "vuonna", "aikana", "osana", "kautta", "sekä", "ja", "myös", "uusia", "nykyisten", "paremmin",
)  # fmt: skip
PLACES = (
    "Joensuu", "Kitee", "Lieksa", "Nurmes", "Outokumpu", "Kontiolahti", "Liperi", "Ilomantsi",
    "Juuka", "Polvijärvi", "Tohmajärvi", "Rääkkylä", "Heinävesi",
)  # fmt: skip
PLACE_GENITIVES = ("Joensuun", "Kiteen", "Lieksan", "Nurmeksen", "Outokummun", "Keski-Karjalan", "Pielisen Karjalan")
FIRST_NAMES = (
    "Anneli", "Jari", "Minna", "Pekka", "Sari", "Mikko", "Hanna", "Timo", "Tiina", "Juha", "Päivi", "Markku",
    "Riitta", "Kari", "Satu", "Antti", "Johanna", "Matti", "Heli", "Ville", "Katja", "Janne", "Outi", "Esa",
)  # fmt: skip
LAST_NAMES = (
    "Heikkinen", "Karppinen", "Hirvonen", "Turunen", "Kettunen", "Ruotsalainen", "Ikonen", "Korhonen",
    "Pirskanen", "Sihvonen", "Hakkarainen", "Kärkkäinen", "Pesonen", "Hyvönen", "Tolvanen", "Nevalainen",
    "Martikainen", "Räsänen", "Vatanen", "Kinnunen", "Parviainen", "Lappalainen", "Eronen", "Turpeinen",
)  # fmt: skip
UNITS = (
    "Strategia ja kehittäminen",
    "Perhe- ja sosiaalipalvelut",
    "Ikääntyneiden palvelut",
    "Terveyspalvelut",
    "Mielenterveys- ja päihdepalvelut",
    "Työllisyyspalvelut",
    "Pelastuslaitos",
    "Vammaispalvelut",
)
#: (funder, the maximum aid rate of its calls; None: no cap).
FUNDERS = (
    ("Sosiaali- ja terveysministeriö", Decimal("0.8000")),
    ("Euroopan sosiaalirahasto plus (ESR+)", Decimal("0.7500")),
    ("Euroopan aluekehitysrahasto (EAKR)", Decimal("0.7000")),
    ("Sosiaali- ja terveysjärjestöjen avustuskeskus STEA", Decimal("0.9000")),
    ("Opetus- ja kulttuuriministeriö", None),
    ("Työ- ja elinkeinoministeriö", Decimal("0.6000")),
)
#: (name, kind) of the generated bodies; beyond these the names get a number.
BODY_TOPICS = (
    ("Aluehallituksen konsernijaosto", Body.Kind.DIVISION),
    ("Hyvinvointilautakunta", Body.Kind.COMMITTEE),
    ("Ikääntyneiden palvelujen lautakunta", Body.Kind.COMMITTEE),
    ("Perhe- ja sosiaalipalvelujen lautakunta", Body.Kind.COMMITTEE),
    ("Terveyspalvelujen lautakunta", Body.Kind.COMMITTEE),
    ("Pelastuslautakunta", Body.Kind.COMMITTEE),
    ("Yksilöasioiden jaosto", Body.Kind.DIVISION),
    ("Kansalliskielilautakunta", Body.Kind.COMMITTEE),
    ("Tarkastuslautakunta", Body.Kind.COMMITTEE),
    ("Vanhusneuvosto", Body.Kind.OTHER),
    ("Vammaisneuvosto", Body.Kind.OTHER),
    ("Nuorisovaltuusto", Body.Kind.OTHER),
)
#: Every meeting opens with these, as minutes do: (title, proposal).
RECURRING_ITEMS = (
    (
        "Kokouksen laillisuus ja päätösvaltaisuus",
        "Puheenjohtaja toteaa kokouksen laillisesti koolle kutsutuksi ja päätösvaltaiseksi.",
    ),
    ("Pöytäkirjan tarkastajien valinta", "Valitaan kaksi pöytäkirjan tarkastajaa."),
)
ITEM_SUBJECTS = (
    "Talousarvion toteutumisraportti",
    "Lausunto luonnoksesta",
    "Palveluverkon selvitys",
    "Viranhaltijapäätösten otto-oikeus",
    "Ilmoitusasiat",
    "Hankintapäätös",
    "Toimintasuunnitelma",
    "Avustusten myöntäminen",
    "Sopimuksen hyväksyminen",
    "Vuosiraportti",
)
SECRECY_GROUNDS = (
    "Julkisuuslaki 24 § 1 mom. 25 kohta",
    "Julkisuuslaki 24 § 1 mom. 32 kohta",
    "Laki sosiaali- ja terveydenhuollon asiakastietojen käsittelystä 4 §",
)
#: Task classes of the register number (tehtäväluokka).
TASK_CLASSES = ("00.01.00", "00.01.01", "02.05.00", "02.06.01", "05.00.00", "06.01.00", "07.01.00")


class Texts:
    """Titles and texts drawn from the word lists with the generator's random.Random."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def places(self, count: int) -> list[str]:
        return self.rng.sample(PLACES, count)

    def topic_title(self) -> str:
        return f"{self.rng.choice(TOPICS)} {self.rng.choice(OBJECTS)}"

    def project_title(self, year: int) -> str:
        title = self.topic_title()
        if self.rng.random() < 0.4:
            title += f" {self.rng.choice(PLACE_GENITIVES)} seudulla"
        return f"{title} {year}" if self.rng.random() < 0.3 else f"{title} -hanke"

    def item_title(self) -> str:
        subject = self.rng.choice(ITEM_SUBJECTS)
        return f"{subject}: {self.topic_title().lower()}"

    def sentence(self) -> str:
        words = self.rng.choices(WORDS, k=self.rng.randint(6, 14))
        text = " ".join(words)
        return text[0].upper() + text[1:] + "."

    def paragraph(self, fewest: int, most: int) -> str:
        return " ".join(self.sentence() for _ in range(self.rng.randint(fewest, most)))

    def proposal(self, subject: str) -> str:
        return f"Lautakunta päättää hyväksyä asian {subject} esityksen mukaisesti. {self.sentence()}"

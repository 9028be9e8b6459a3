"""The seed's own sentences, verbatim (seed.txt beside this file is the source as received).

The line breaks inside sentences in seed.txt are wrapping left over from the PDF it was copied
from; here each paragraph is one line, paragraphs are separated by a blank line, and the lines of
a list stay single lines: "1. ..." numbered, and "- " for the bullet points (in seed.txt the PDF's
Symbol-font bullet U+F0B7). Spelling is the seed's, "tavoittellisuutta" and "tavoitteesiin"
included. A test checks that these texts hold the seed's words in the seed's order.
"""

from __future__ import annotations

PROPOSAL = (
    "Tulevaisuuslautakunta päättää hyväksyä Työkyvyn tuen palvelut -hankkeen hankehakemuksen ja valtuuttaa "
    "kehittämisjohtajan tekemään siihen tarvittavat muutokset rahoittajan mahdollisen ohjauksen puitteissa. "
    "Hankkeen toteuttamisen edellytyksenä on se, että sen omarahoitusosuus saadaan sisällytettyä "
    "hyvinvointialueen 2024 talousarvioon."
)

DECISION = "Hyväksyttiin."

OBJECTIVES = (
    "Hanke selkeyttää hyvinvointialueen ja työllisyysalueen välisiä yhdyspintoja ja rakenteita",
    "Hanke selkeyttää hyvinvointialueen sisäistä vastuunjakoa liittyen osatyökykyisten henkilöiden palvelujen "
    "järjestämiseen ja johtamiseen.",
)

STRATEGIC_GOALS = (
    "palvelujen saatavuus, saavutettavuus ja oikea-aikaisuus paranevat sekä",
    "toimintamme on tuloksellista, laadukasta ja kustannusvaikuttavaa.",
)

_PARAGRAPHS = (
    "Tulossa oleva TE-palvelut 24 - uudistus muuttaa kuntien/TE-toimistojen ja hyvinvointialueen välisiä "
    "yhdyspintoja. Tätä muutosta valmistelemaan tarvitaan hyvinvointialueelle hanke, joka selkeyttää yhteisiä "
    "toimintatapoja. Hanke sijoittuu kehittämisyksikön alle. Hankkeen kesto on 2,5 vuotta eli 2024–2025, "
    "TE-uudistuksen ylimenokauden ajaksi. Hanke tekee tiivistä yhteistyötä työllisyyden ekosysteemin "
    "valmistelijoiden kanssa. Hankkeen budjetti on koko hankeajalle 379.904 €. Haettava rahoitus on 303.924 € "
    "ja omavastuuosuus 75.980 €.",
    "Hankkeen tavoitteet ovat:",
    "\n".join(f"{number}. {text}" for number, text in enumerate(OBJECTIVES, start=1)),
    "Hanke on valmisteltu hyvinvointialueen kuntoutuksen toimialueen, työikäisten palvelujen ja "
    "kehittämisyksikön yhteistyönä. Hankkeen valmistelun aikana on keskusteltu Joensuun kaupungin sekä KELA:n "
    "edustajien kanssa. Kaikkien kolmentoista kunnan työllisyysasioista vastaavat tahot osallistettiin "
    "hankevalmisteluun Webropol-kyselyn kautta. Hankkeelle nähdään selkeä tarve myös kuntien "
    "työllisyysalueiden valmistelun näkökulmasta. Olemme sopineet hankevalmistelun aikana, että hankkeen "
    "työntekijöiden vastinparit tulevat uudelta työllisyysalueelta, jolloin päästään aitoon vuoropuheluun koko "
    "hankkeen ajan.",
    "Pohjois-Karjalan kuntien, hyvinvointialueen ja Pohjois-Karjalan maakuntaliiton sopimuksessa "
    "yhdyspintarakenteista, toimintamalleista, työnjaosta ja tiedonkulusta yhtenä osa-alueena on asukkaiden "
    "työllistymisen ja työkyvyn edistäminen. Asiakirjassa mainitaan yhteiset kehittämishankkeet työllistymisen "
    "ja työkyvyn edistämiseksi. Lisäksi kerrotaan, että osapuolet voivat perustaa operatiiviseen toimintaan "
    "keskittyvän työllisyyden yhdyspintaryhmän, jonka tehtävänä on suunnitella ja arvioida "
    "yhdyspintapalvelujen asukaslähtöistä toteutumista sekä niiden vaikuttavuutta. Tämän ryhmän perustaminen "
    "voi olla osa nyt haettavaa hanketta. Syys-lokakuussa 2023 tehdyn kuntakierroksen palautteena kunnista oli, "
    "että työllisyyteen liittyvä yhteistyö tarvitsee erityistä panostusta ja tavoittellisuutta.",
    "Erityisesti hankkeessa kiinnitetään huomiota prosessien yhteensovittamiseen, resurssien riittävyyteen, "
    "palvelujen tuottamiseen reuna-alueilla sekä toiminnan jatkuvuuteen hankkeen jälkeen. Hanke vastaa Siun "
    "soten strategisiin tavoitteesiin:",
    "\n".join(f"- {text}" for text in STRATEGIC_GOALS),
)

DESCRIPTION = "\n\n".join(_PARAGRAPHS)

"""Does the fast two-stage disclosure matcher agree with one plain combined regex?"""

from __future__ import annotations

import re
from functools import cache

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from hoiku_lib.audit import disclosure
from hoiku_lib.audit.sample import FILLER, HARD_NEGATIVES, HELP, INDICATOR

SENTENCES = [s for d in (FILLER, HARD_NEGATIVES, HELP, INDICATOR) for v in d.values() for s in v]
WORDS = sorted({w for s in SENTENCES for w in s.split()})


@cache
def _plain(rule_id: str) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p.pattern})" for p in disclosure.compiled()[rule_id].patterns))


@settings(max_examples=80, deadline=None)
@given(words=st.lists(st.sampled_from(WORDS), min_size=1, max_size=40))
def test_two_stage_matcher_equals_plain_alternation(words: list[str]) -> None:
    """For any mix of note words, do both matchers find something in the same notes?"""
    text = " ".join(words)
    for rule_id in disclosure.RULES:
        lower = text.lower()
        fast = disclosure.compiled()[rule_id].finditer(lower)
        assert bool(fast) == bool(_plain(rule_id).search(lower))


def test_hard_negatives_do_not_fire() -> None:
    """Does ordinary health talk (aids, home help, study loan, passport photo …) pass?"""
    doc = yaml.safe_load(disclosure.PATTERN_FILE.read_text(encoding="utf-8"))
    for text in doc["hard_negatives"]:
        for rule_id in disclosure.RULES:
            assert disclosure.find(rule_id, text) == [], (rule_id, text)


def test_literal_prefixes() -> None:
    """Are a pattern's required leading literals found, and a weak start refused?"""
    assert disclosure.literal_prefixes(r"vel(?:ka|a)[\w]*x") == {"velka", "vela"}
    assert disclosure.literal_prefixes(r"\bpassi(?!kuva)\w*") == {"passi"}
    assert disclosure.literal_prefixes(r"\w+ foo") is None


def test_sentence_rules_need_every_concept_in_one_sentence() -> None:
    """Does a controller plus a coercive act fire only within one sentence?"""
    assert disclosure.find("indicator_disclosure", "Pomo uhkaa lähettää hänet kotiin.")
    assert not disclosure.find("indicator_disclosure", "Pomo soitti. Uhka keskenmenosta.")
    assert disclosure.find("help_request_disclosure", "She asked how to leave her employer.")
    assert not disclosure.find("help_request_disclosure", "She asked to leave. Employer called.")


def test_every_pattern_has_a_literal_start() -> None:
    """Is each pattern tried only where its literal start (≥ 3 characters) occurs?"""
    for rule_id, matcher in disclosure.compiled().items():
        assert matcher.always == (), rule_id
        assert all(len(prefix) >= 3 for prefix in matcher.by_prefix), rule_id


@cache
def _doc() -> dict:
    return yaml.safe_load(disclosure.PATTERN_FILE.read_text(encoding="utf-8"))


def test_concepts_are_defined_used_and_excluded_by_name() -> None:
    """Does every combination name defined concepts, and every concept serve a combination?"""
    doc = _doc()
    concepts = set(doc["concepts"])
    used = {c for combos in doc["sentence_rules"].values() for combo in combos for c in combo}
    assert used <= concepts, used - concepts
    assert concepts <= used, concepts - used
    assert set(doc.get("concept_exclusions") or {}) <= concepts


def test_longer_stems_keep_the_concepts_of_the_stems_they_hold() -> None:
    """Does a longer stem list the concepts of every stem it starts with or holds?

    A word counts only for its longest stem, and a multi-word stem consumes the words it
    spans: without this, "kun työnantaja" (presence) would silently stop being a controller.
    Taking a word out of a concept on purpose is done with concept_exclusions."""
    doc = _doc()
    missing = []
    for combos in doc["sentence_rules"].values():
        used = {c for combo in combos for c in combo}
        stems: dict[str, set[str]] = {}
        for name in used:
            for lang_stems in doc["concepts"][name].values():
                for stem in lang_stems:
                    stems.setdefault(stem.lower(), set()).add(name)
        for stem, names in stems.items():
            starts = [0] + [
                i for i in range(1, len(stem)) if not stem[i - 1].isalnum() and stem[i].isalnum()
            ]
            for other, other_names in stems.items():
                if other != stem and any(stem.startswith(other, i) for i in starts):
                    missing += [(stem, other, c) for c in other_names - names]
    assert not missing, missing[:20]


# Hand-made paraphrase families (not sentences of the dev split): each must fire.
INDICATOR_PARAPHRASES = [
    "Työnantaja on ottanut hänen passinsa säilytykseen.",
    "Henkilöpaperit on otettu häneltä heti maahan tultua.",
    "Hänen puhelimensa on otettu pois.",
    "Kertoo, että häntä pakotettiin myymään seksiä.",
    "Joutuu antamaan kaikki ansionsa miehelle, joka järjesti työn.",
    "Palkasta vähennetään asuminen ja ruoka, käteen ei jää juuri mitään.",
    "Ei ole saanut palkkaa kahteen kuukauteen.",
    "Velka välittäjälle kasvaa koko ajan.",
    "Perhettä kotimaassa on uhattu väkivallalla.",
    "Ei saa poistua asunnosta ilman pomon lupaa.",
    "Asunto lukitaan ulkopuolelta öisin.",
    "Työnjohtaja on lyönyt häntä useita kertoja.",
    "Hon tvingas arbeta utan lön.",
    "Arbetsgivaren har tagit hennes pass.",
    "Han har hotats av chefen.",
    "Skulden till rekryteraren växer hela tiden.",
    "Mannen svarade på alla frågor i hennes ställe.",
    "Lönen dras av för hyra och mat så att inget blir kvar.",
    "Her employer has taken her passport.",
    "He has not been paid for three months.",
    "She owes the recruiter for her flight and the debt keeps growing.",
    "The boss hits workers who complain.",
    "She was forced into prostitution.",
    "Her earnings go straight to her boyfriend.",
    "Sleeps in the salon where she works.",
    "Luvattiin työtä hotellissa, mutta joutui siivoamaan yksityiskodeissa.",
    # round 2: a different author's words for the same signs (not from any dev split)
    "Asiakas kertoo, että hänen täytyy tilittää kaikki tienaamansa rahat työnantajalle.",
    "Potilas sanoo antavansa joka viikko koko palkkansa miehelle, joka hankki hänelle työn.",
    "Pankkikortti ja PIN-koodi on annettu ”agentille”, joka nostaa palkan tililtä.",
    "Lapsi tuodaan joka aamu kerjäämään ja rahat otetaan häneltä illalla.",
    "Häneltä vietiin puhelin heti Suomeen tultua.",
    "Henkilöllisyystodistus ja oleskelulupakortti ovat välittäjän hallussa.",
    "Saattaja väitti olevansa potilaan serkku, mutta ei osannut sanoa potilaan sukunimeä.",
    "Mukana ollut nainen ei antanut potilaan puhua ja keskeytti aina, kun hän yritti vastata.",
    "Potilas katsoi saattajaa ennen jokaista vastaustaan.",
    "Työntekijät nukkuvat työmaan kontissa, eivätkä he saa poistua työmaalta iltaisin.",
    "Työnantaja päättää, milloin hän saa lähteä asunnolta.",
    "Asiakas ei saa tavata ketään työpaikan ulkopuolelta.",
    "Pot. sanoi, että häntä vahditaan koko ajan ja hänen puhelunsa kuunnellaan.",
    "Poikaystävä järjestää hänelle asiakkaita ja ottaa rahat.",
    "Tyttö kertoo, että hänet viedään iltaisin tapaamaan miehiä.",
    "Kertoo, että hänen lapsiaan kotimaassa satutetaan, jos hän lopettaa.",
    "Hän on velkaa rekrytointiyritykselle viisumista ja lennoista.",
    "Työpäivät venyvät aamukuudesta keskiyöhön, eikä vapaapäiviä ole.",
    "Uskoo, että poliisi pidättää hänet heti, jos hän kertoo työoloistaan.",
    "Vaikuttaa siltä, ettei potilas voi puhua vapaasti saattajan läsnä ollessa.",
    "Klienten måste lämna över hela lönen till arbetsgivaren.",
    "Hennes mobil har tagits ifrån henne av chefen.",
    "Mannen som följde med påstod sig vara hennes morbror men kunde inte säga hennes efternamn.",
    "Hon får bara gå ut när chefen följer med.",
    "Hon berättar att hennes familj i hemlandet kommer att skadas om hon slutar.",
    "Chefen drar av hyra och mat från lönen så att nästan inget blir kvar.",
    "Pojkvännen ordnar kunder åt henne och behåller pengarna.",
    "Her 'uncle' collects all the money she makes from cleaning houses.",
    "The man with her said he was her husband but got her date of birth wrong.",
    "She is only allowed out of the flat when the owner's son goes with her.",
    "The child is dropped off every morning to beg outside the supermarket.",
    "She says she has to sleep with men the boss sends to the flat.",
    "They work from 5 am until late at night every day, with no time off.",
    "The woman who came with her interpreted everything and would not let her speak.",
    "Opiskelija kertoo, että vuokranantaja pitää hänen oleskelulupakorttiaan ”vakuutena”.",
    "Asiakas kertoo asuvansa kolmiossa, josta jokainen maksaa 350 euroa suoraan esimiehelle.",
    "Pot. kertoi pelokkaana, että jos hän puhuu, ”ne tietävät, missä hänen äitinsä asuu”.",
    "Kertoo, että häntä pidettiin lukittuna asuntoon ja päästettiin ulos vain töihin.",
    "Avioliitto sovittiin kotimaassa hänen kysymättä.",
    "Pot. kertoo, että hänen perheensä on saanut uhkauksia kotimaassa.",
    "Hon berättar att mannen som ordnade jobbet tar hälften av allt hon tjänar.",
    "Han säger att förmannen slog honom när han bad om sin lön.",
    "She said she has to pay back 8,000 euros for being brought to Finland.",
    "She has a tattoo of a crown and the letters 'JB', which she says shows who she works for.",
    "The patient appeared frightened and said she must return before 'they' notice she is gone.",
]
HELP_PARAPHRASES = [
    "Pyysi apua päästäkseen pois työnantajan luota.",
    "Toivoo pääsevänsä turvaan mahdollisimman pian.",
    "Kysyi, voisimmeko auttaa häntä pakenemaan.",
    "Pyysi, että otamme yhteyttä auttamisjärjestelmään.",
    "Pyysi apua yöpaikan löytämiseen, ei voi palata työnantajan luo.",
    "”Auttakaa minut pois täältä.”",
    "Hon bad oss hjälpa henne att komma därifrån.",
    "Frågade om vi kan ordna ett skyddat boende.",
    "Hon frågade var hon kan vara i säkerhet.",
    "She asked us to help her get away from her employer.",
    "He wants to escape from the farm.",
    "Asked how she could leave her husband without him knowing.",
    "Haluaisi lopettaa työt työnantajan luona, mutta pelkää seurauksia.",
    "Vill lämna arbetsgivaren men vågar inte.",
    # round 2
    "Kysyi, olisiko jokin paikka, jonne hän voisi mennä niin, ettei työnantaja löydä häntä.",
    "Kysyi, voisiko hänen osoitteensa salata, koska mies etsii häntä.",
    "Pyysi, ettei häntä kotiuteta takaisin työnantajan asuntoon.",
    "Kysyi hiljaa, voisiko hän yöpyä jossain, ettei hänen tarvitse mennä takaisin.",
    "Kysyi, voisiko hän ottaa yhteyttä poliisiin niin, ettei kukaan saa tietää.",
    "Toivoi apua turvalliseen kotiinpaluuseen kotimaahansa.",
    "Asiakas toivoo, että häntä autetaan löytämään uusi asunto, jota mies ei tiedä.",
    "Haluaa lähteä nykyisestä paikasta ja kysyi, mihin hän voisi mennä.",
    "Hon frågade om hon kan få skyddade personuppgifter och hjälp att flytta.",
    "Bad oss ordna ett ställe där arbetsgivaren inte kan hitta henne.",
    "Hon vill inte åka tillbaka till lägenheten och bad om hjälp.",
    "Frågade om hon kan få hjälp med boende så att hon slipper bo hos arbetsgivaren.",
    "She asked whether she could have her address protected and get help moving out.",
    "She asked if we could help her find somewhere to hide from her employer.",
    "He wants help to leave where he is living and asked if the police could be told in secret.",
    "Asked whether her address could be kept secret from her partner.",
    "Asked if someone could come and collect her from the flat while the man is out.",
    "Kysyi, voisiko hän saada väliaikaisen asunnon, jotta ei tarvitsisi palata työnantajan luo.",
    "Kysyi, voiko hän tulla tänne, jos hänen pitää paeta.",
    "Haluaa palata kotimaahan ja pyysi apua paluun järjestämiseen niin, ettei agentti saa tietää.",
    "Frågade om polisen kan skydda henne om hon anmäler mannen.",
    "She requested that her address not be shared with anyone.",
    "He begged us not to let the employer take him back.",
]
# Near misses: ordinary care talk with the same words. None may fire for either rule.
NEAR_MISSES = [
    "Haluaa päästä irti alkoholista, ohjattu A-klinikalle.",
    "Toivoo pääsevänsä pois osastolta viikonloppuna.",
    "Kysyi, voiko lähteä kotiin jo tänään.",
    "Haluaa lopettaa nykyisen lääkityksen sivuvaikutusten vuoksi.",
    "Pyysi apua kotiin lähtemiseen, kotihoito järjestetty.",
    "Poliisi toi potilaan päivystykseen, pyysi verinäytteen.",
    "Työnantaja maksaa sairausajan palkan.",
    "Passi on voimassa vielä kaksi vuotta.",
    "Passi on tallella kotona.",
    "Potilas on lukitulla osastolla.",
    "Ei saa lähteä osastolta ilman hoitajaa kaatumisriskin vuoksi.",
    "Äiti vastasi lapsen puolesta kysymyksiin.",
    "Rintaa pakottaa rasituksessa, EKG otettu.",
    "Joutuu tekemään töitä seisten koko päivän, alaselkäkipu.",
    "Työskentelee 12 tunnin vuoroissa, uni häiriintynyt.",
    "Toivoo väliaikaista majoitusta remontin ajaksi.",
    "Ei tiedä potilaan syntymäaikaa, henkilöllisyys tarkistettu.",
    "Kysyttäessä kertoo olevansa turvassa.",
    "Vill bort från sjukhuset så snart som möjligt.",
    "Frågade om det är säkert att resa under graviditeten.",
    "Lönen betalas in på kontot den 25:e.",
    "Hon är rädd för sprutor.",
    "Asked whether it is safe to fly after surgery.",
    "Threatened preterm labour at 30 weeks.",
    "Patient threatened to self-discharge.",
    "Husband accompanied her and waited outside.",
    "Wages paid into her bank account monthly.",
    "Lives in sheltered housing with carers.",
    "She asked to be referred to a dermatologist.",
    "Works nights as a security guard.",
    "Wants to leave hospital but is afraid of being alone.",
    "Blood pressure controlled by medication.",
    "Luvattiin soittaa tulokset, mutta soittoa ei tullut.",
    "Asuu työsuhdeasunnossa.",
    # round 2: the same words in ordinary care, social work and occupational health
    "Kaikki rahat menevät vuokraan ja ruokaan, toimeentulotuki haettu.",
    "Velka pankille kasvaa korkojen vuoksi.",
    "Pyysi ohjeita, miten lähteä matkalle insuliinin kanssa.",
    "Asiakas haluaa turvakiellon pois, koska muutti.",
    "Tehostettu palveluasuminen: asukas ei saa poistua yksikön alueelta yksin, koska hän eksyy.",
    "Asukas luovuttaa rahansa omaiselle, joka hoitaa ostokset.",
    "Nuori joutui poliisin kuulusteluun näpistyksen vuoksi.",
    "Asiakas kertoo, että entinen puoliso uhkailee häntä viesteillä.",
    "Vuokranantaja on uhannut häätää, koska vuokria on rästissä.",
    "Asiakas pyysi apua muuttoon pois kaupungin vuokra-asunnosta, koska naapurit meluavat.",
    "Pyysi apua päästäkseen eroon velkakierteestä, ohjattu velkaneuvontaan.",
    "Asiakas toivoo pääsevänsä kuntoutukseen, jotta voisi palata työelämään.",
    "Sepelvaltimoiden kuvauksen jälkeen liikkuminen rajoitettu vuodelepoon neljäksi tunniksi.",
    "Tytär hoitaa äidin pankkiasiat ja pitää pankkikortin edunvalvontavaltuutuksella.",
    "Poika pitää isän passia tallessa, isä muistisairas.",
    "Får inte lämna rummet under isoleringen.",
    "Arbetsgivaren drar av lunchförmånen från lönen enligt avtal.",
    "Han bad om hjälp att komma bort från alkoholen.",
    "Bad om hjälp att flytta till serviceboende.",
    "The employer deducts pension contributions and tax from her wages.",
    "He was threatened with a knife during a robbery at the shop.",
    "Worked 16 hours straight during the storm as a lineman; exhausted.",
    "Student loan debt keeps growing; referred to financial advice.",
    "Not allowed to leave the room during isolation.",
    "She asked for help to find a volunteering role to get out of the house more.",
    "Her son keeps her medication safe because of her memory problems.",
    "Wife answered for him because of his stroke-related aphasia.",
    "Saattaja (henkilökohtainen avustaja) ei tiennyt asiakkaan syntymäpaikkaa.",
    "Työnantaja on kieltänyt tupakoinnin työaikana.",
    "Han är rädd att familjen ska bli orolig om han berättar om diagnosen.",
    "Her earnings are paid into a joint account with her husband.",
    "He said his boss threatened to fire anyone who was late again.",
    "Her passport was taken by the embassy for the visa application.",
    "She said she is watched all the time by her mother, who worries a lot.",
    "She cannot leave the house much because of her knee pain.",
    "Pyysi apua päästäkseen ulos autosta kipeän selän vuoksi.",
    "He asked how he could get home without a car.",
]


INDICATOR_PARAPHRASES_3 = [
    "Kertoo, että hänen on oltava työnantajan käytettävissä vuorokauden ympäri.",
    "Työnantaja on vienyt hänen pankkikorttinsa ja nostaa palkan itse.",
    "Asiakkaan mukaan häneltä peritään 50 euroa joka kerta, kun hän myöhästyy.",
    "Potilas sanoo, että jos hän lähtee, mies tekee pahaa hänen äidilleen.",
    "Asiakas pelkää, että hänet viedään vankilaan, jos hän puhuu viranomaisille.",
    "Hänet on tuotu Suomeen väärällä passilla, jonka mies otti heti pois.",
    "Nainen kertoo, ettei voi kieltäytyä, kun mies lähettää hänet asiakkaille.",
    "Asiakas asuu työnantajan omistamassa asunnossa kymmenen muun kanssa ja maksaa siitä"
    " puolet palkastaan.",
    "Kertoi, että hänen passinsa on pantattu velan vakuudeksi.",
    "Työnantaja valvoo hänen puheluitaan ja lukee viestit.",
    "She must hand over her phone every evening to the man.",
    "Her husband's family keeps her passport and will not let her work outside the home.",
    "He says the gang takes everything he collects from begging.",
    "The agency charges her for the flat, transport and food, so she has not received any money.",
    "She was told that the police in Finland would deport her at once if she spoke to them.",
    "The client's boyfriend posts adverts for her online and arranges the meetings.",
    "Hon får bara äta en gång om dagen och arbetar på gården från morgon till kväll.",
    "Mannen tar hand om alla hennes pengar och hon får be om lov för att köpa mat.",
    "Hon berättar att arbetsgivaren hotar att skicka hem henne om hon blir sjuk.",
    "Klienten har brännmärken på armarna och säger att chefen gjorde det.",
    "Han är skyldig pengar till personen som ordnade jobbet och måste jobba gratis.",
    "Hammashoitola: potilaan mukaan hän ei ole saanut käydä hoidossa, koska pomo ei päästä.",
    "Dental: he says his boss has not let him come for treatment before.",
    "Neuvola: raskaana oleva asiakas kertoo, että hänen on jatkettava työtä asiakkaiden"
    " kanssa synnytykseen asti.",
    "Maternity: she says she will have to go back to the clients soon after the birth.",
    "Psykiatria: potilas kertoo, että häntä pidetään velkaisena ihmisille, jotka toivat"
    " hänet maahan.",
    "Lastensuojelu: nuori kertoo, että vanhemmat aikovat naittaa hänet kotimaassa.",
    "Child welfare: the girl says her parents plan to marry her off this summer.",
    "Barnskydd: flickan säger att föräldrarna planerar att gifta bort henne i sommar.",
    "Työterveys: työntekijä kertoo, että esimies on pitänyt hänen palkkansa puoli vuotta.",
    "Occupational health: the worker says the foreman has kept his pay for six months.",
    "Företagshälsa: arbetaren säger att förmannen har behållit hans lön i ett halvår.",
    "Kotihoito: hoitaja huomasi, että kotiapulainen nukkuu lattialla eikä hänellä ole"
    " omaa huonetta.",
    "Home care: the live-in helper sleeps on the floor and has no room of her own.",
    "Hemtjänst: hemhjälpen sover på golvet och har inget eget rum.",
    "Päivystys: potilaan saattaja vaati saada pitää potilaan puhelinta tutkimuksen ajan.",
    "Emergency: the companion insisted on holding the patient's phone during the examination.",
    "Akuten: följeslagaren krävde att få hålla patientens telefon under undersökningen.",
    "Asiakas kertoo, että hänen on tehtävä töitä kunnes matkan hinta on maksettu.",
    "He says he has to work until the cost of the journey is paid.",
    "Han säger att han måste arbeta tills resan är betald.",
    "Asiakkaan mukaan hänen on pakko myydä seksiä velan vuoksi.",
    "She says she has to sell sex because of the debt.",
    "Hon säger att hon måste sälja sex på grund av skulden.",
    "Asiakas kertoo, että työnantaja on uhannut satuttaa hänen siskoaan.",
    "The employer has threatened to hurt her sister.",
    "Kertoo, että työnantaja on ottanut hänen oleskelulupakorttinsa talteen.",
    "Hänen henkilöllisyystodistuksensa on kuulemma välittäjällä.",
    "Potilaan mukaan hänen ansionsa tilitetään suoraan järjestäjälle.",
    "Asiakas kertoo joutuneensa työskentelemään ilman palkkaa puoli vuotta.",
    "Kertoi hiljaa, että hänet on tuotu Suomeen töihin, mutta joutuu nyt myymään seksiä.",
    "Asiakas sanoo, ettei hänellä ole oikeutta kieltäytyä asiakkaista.",
    "Potilas kertoi, että velka on niin suuri, ettei hän pysty sitä koskaan maksamaan.",
    "Asiakkaan liikkumista rajoitetaan: hän pääsee ulos vain valvotusti.",
    "Saattajan mukaan potilas on hänen serkkunsa, mutta saattaja ei tiennyt potilaan ikää.",
    "Potilaalla on nimi tatuoituna ranteessa, hän sanoo sen olevan 'omistajan'.",
    "Perhettä on uhkailtu kotimaassa, koska asiakas ei ole maksanut velkaa.",
    "Asiakkaan mukaan häntä lyödään, jos hän ei tuo tarpeeksi rahaa.",
    "She says she is hit if she does not bring home enough money.",
    "Hon säger att hon blir slagen om hon inte tjänar tillräckligt.",
    "Hän kertoo tekevänsä töitä yötä päivää ilman lepoa.",
    "His wages go straight to the man who found him the job.",
    "The client's ID is being held by the agency until her debt is paid.",
    "Klientens id-kort innehas av bemanningsföretaget tills skulden är betald.",
    "Tulkkina toiminut mies osoittautui asiakkaan työnantajaksi.",
    "The man who interpreted turned out to be her employer.",
    "Hänen on pakko tehdä töitä, koska muuten perhe joutuu vaikeuksiin.",
    "Asiakas ei saa itse päättää, milloin hän käy kaupassa.",
    "Potilas joutuu luovuttamaan kaikki juomarahansa esimiehelle.",
    "She is forced to hand all her tips to the supervisor.",
    "Hon tvingas lämna alla dricks till förmannen.",
    "Asiakkaan kertoman mukaan hänen on annettava kaikki tienestinsä miehelle.",
    "Palkka maksetaan työnantajan puolison tilille.",
    "The wages are paid into the boss's wife's account.",
    "Lönen betalas in på chefens frus konto.",
    "Asiakas on joutunut allekirjoittamaan paperin, jota hän ei ymmärrä,"
    " ja nyt hänen kerrotaan olevan velkaa työnantajalle.",
    "Työnantajan kerrotaan uhanneen ilmiantaa hänet maahanmuuttovirastolle.",
    "The employer has threatened to report her to immigration.",
    "Arbetsgivaren har hotat att anmäla henne till Migrationsverket.",
    "Hänen täytyy ilmoittaa miehelle koko ajan, missä hän on.",
    "She has to report to the man where she is at all times.",
    "Hon måste rapportera till mannen var hon är hela tiden.",
    "Asunnossa on kamerat, ja häntä tarkkaillaan jatkuvasti.",
    "There are cameras in the flat and she is being watched all the time.",
    "Ei saa pitää yhteyttä perheeseensä.",
    "She is not allowed to contact her family.",
    "Hon får inte ha kontakt med sin familj.",
    "Hänen mukaansa seksiä myydään hänen kauttaan netissä, ja rahat menevät miehelle.",
    "Asiakas pakotettiin varastamaan kaupoista.",
    "She was made to steal from shops.",
    "Hon tvingades stjäla i butiker.",
    "Työnantaja kielsi häntä hakeutumasta hoitoon tapaturman jälkeen.",
    "The employer told him not to go to hospital after the accident.",
    "Arbetsgivaren sa åt honom att inte söka vård efter olyckan.",
    "Pelkää karkotusta, jos joku saa tietää hänen tilanteestaan.",
    "Afraid of being deported if anyone finds out about her situation.",
    "Asiakas toistelee, että hänen on maksettava velkansa ennen kuin hän voi lähteä.",
    "She keeps saying she must pay off her debt before she can leave.",
    "Hon säger att hon måste betala av skulden innan hon får sluta.",
    "Nainen, joka toi hänet, vastasi kaikkiin kysymyksiin.",
    "Kvinnan som kom med henne svarade på alla frågor.",
    "The woman who brought her answered every question.",
    "Työnantaja maksaa palkan käteisenä, mutta vain osan siitä, mitä luvattiin.",
    "He gets paid in cash, but only part of what was promised.",
    "Potilas ei osaa suomea eikä englantia, vaikka on asunut Suomessa viisi vuotta,"
    " eikä tiedä, missä lähin terveysasema on.",
    "Ei voi tulla kontrolliin, koska työnantaja ei anna vapaata.",
    "Cannot come back for the follow-up because her boss won't give her time off.",
    "Kan inte komma på återbesök eftersom chefen inte ger henne ledigt.",
    "Maksaa työnantajalle 400 euroa kuussa patjapaikasta jaetussa huoneessa.",
    "Pays the employer 400 euros a month for a mattress in a shared room.",
    "Betalar arbetsgivaren 400 euro i månaden för en madrass i ett delat rum.",
    "Oppilasta saattaa kouluun ja kotiin aina sama aikuinen mies, joka ei ole sukua.",
    "The pupil is always escorted to and from school by an adult man who is not a relative.",
    "Mies esittäytyi aviomieheksi, mutta ei tiennyt potilaan sukunimeä.",
    "The man said he was her husband but did not know her surname.",
    "Mannen sade att han var hennes make men visste inte hennes efternamn.",
    "Puhuu poikaystävästä, joka huolehtii hänestä ja jolle hän antaa kaikki rahansa.",
    "Talks about a boyfriend who looks after her and to whom she gives all her money.",
    "Pomo oli sanonut, että hänen lapsilleen kotimaassa tapahtuu jotain, jos hän menee poliisiin.",
    "The boss said something would happen to her children back home if she went to the police.",
    "Chefen hade sagt att något skulle hända hennes barn i hemlandet om hon gick till polisen.",
    "Asiakkaan mukaan isä myi hänet miehelle.",
    "She says her father sold her to a man.",
    "Hon säger att hennes pappa sålde henne till en man.",
    "Hän on velkaa 8 000 euroa ihmisille, jotka järjestivät matkan.",
    "She owes 8,000 euros to the people who arranged her trip.",
    "Hon är skyldig 8 000 euro till dem som ordnade resan.",
    "He is never alone, someone from the company always comes with him, even to the doctor.",
    "Han är aldrig ensam, någon från företaget följer alltid med, även till läkaren.",
    "Passi ei ole hänellä itsellään, koska pomo säilyttää sitä.",
    "He does not have his passport himself because the boss looks after it.",
    "Han har inte sitt pass själv eftersom chefen förvarar det.",
    "Nukkuu ravintolan keittiön lattialla.",
    "Sleeps on the kitchen floor of the restaurant.",
    "Sover på köksgolvet i restaurangen.",
    "Hänet pakotettiin seksiin asiakkaiden kanssa.",
    "Työnantaja on lyönyt häntä useita kertoja.",
    "Her employer has hit her several times.",
    "Arbetsgivaren har slagit henne flera gånger.",
    "Asiakkaalta on viety henkilöllisyyspaperit saapumisen yhteydessä.",
    "His documents were taken from him on arrival.",
    "Hans dokument togs ifrån honom när han kom.",
    "Työskentelee marjatilalla 16 tuntia päivässä.",
    "Kertoo, ettei saa lähteä talosta ilman miehen lupaa.",
    "She is not allowed out of the house without her husband's permission.",
    "Hon får inte gå ut ur huset utan makens tillåtelse.",
    "Asiakas kertoo, että mies, jonka luona hän asuu, sanoo omistavansa hänet.",
    "Client said the man she lives with says he owns her.",
    "Klienten säger att mannen hon bor hos påstår att han äger henne.",
    "Potilaan mukaan häntä pidetään asunnossa vastoin hänen tahtoaan.",
    "Patienten uppger att hon hålls kvar i lägenheten mot sin vilja.",
    "Patient reports being kept at the house against her will.",
    "Työnantaja ei ole maksanut hänelle palkkaa kolmeen kuukauteen.",
    "The employer has not paid him for three months.",
    "Arbetsgivaren har inte betalat honom någon lön på tre månader.",
    "Palkasta vähennetään asuminen ja ruoka, niin ettei hänelle jää juuri mitään.",
    "Rent and food are deducted from his pay so that almost nothing is left.",
    "Hyra och mat dras av från lönen så att nästan inget blir kvar.",
    "Työnantaja on kieltänyt häntä kertomasta kenellekään, missä hän asuu.",
    "His boss has forbidden him to tell anyone where he lives.",
    "Chefen har förbjudit honom att berätta för någon var han bor.",
    "Asunnon ovi lukitaan öisin ulkopuolelta, eikä hänellä ole avainta.",
    "The door of the flat is locked from the outside at night and she has no key.",
    "Dörren till lägenheten låses utifrån på natten och hon har ingen nyckel.",
    "Poikaystävä hallitsee kaikkia hänen rahojaan ja pankkikorttiaan.",
    "Her boyfriend controls all her money and her bank card.",
    "Pojkvännen kontrollerar alla hennes pengar och hennes bankkort.",
    "Velka välittäjälle kasvaa koko ajan, vaikka hän tekee töitä joka päivä.",
    "The debt to the agent keeps growing although she works every day.",
    "Skulden till förmedlaren växer hela tiden fast hon arbetar varje dag.",
    "Mukana ollut mies ei suostunut poistumaan huoneesta, vaikka häntä pyydettiin.",
    "The man who came with her refused to leave the room even when asked.",
    "Mannen som följde med vägrade lämna rummet trots att han ombads.",
    "Asiakkaan mukaan hänen perhettään kotimaassa on uhattu, jos hän lähtee.",
    "She says her family back home has been threatened if she leaves.",
    "Hon säger att hennes familj i hemlandet har hotats om hon lämnar.",
    "Asiakas kertoo, että mies vie hänet iltaisin hotelleihin tapaamaan asiakkaita.",
    "She says the man takes her to hotels in the evenings to meet clients.",
    "Hon berättar att mannen kör henne till hotell på kvällarna för att träffa kunder.",
    "Tekee töitä ravintolassa kello kuudesta aamulla puoleenyöhön ilman vapaapäiviä.",
    "He works in the restaurant from six in the morning until midnight with no day off.",
    "Han arbetar på restaurangen från sex på morgonen till midnatt utan lediga dagar.",
    "Asiakkaan passi on työnantajan kassakaapissa, eikä hän saa sitä itselleen.",
    "Her passport is in the employer's safe and she cannot get it back.",
    "Hennes pass ligger i arbetsgivarens kassaskåp och hon får inte tillbaka det.",
    "Hänelle luvattiin työ siivoojana, mutta hänet pantiin myymään seksiä.",
    "She was promised a job as a cleaner but was made to sell sex.",
    "Hon lovades arbete som städerska men tvingades sälja sex.",
    "14-vuotias tyttö hoitaa perheen lapsia eikä käy koulua.",
    "Hän pääsee ulos asunnosta vain työnantajan luvalla.",
    "She can only leave the flat with the employer's permission.",
    "Hon får bara lämna lägenheten med arbetsgivarens tillstånd.",
    "Työnantaja on ottanut häneltä puhelimen.",
    "Her phone was taken by the boss.",
    "Chefen har tagit hennes telefon.",
    "Hänelle on sanottu, että poliisi vie hänet vankilaan, jos hän kertoo jotain.",
    "He was told the police would put him in prison if he said anything.",
    "Han har fått höra att polisen sätter honom i fängelse om han berättar något.",
]

# Round 3: each request family in fi, sv and en.
HELP_PARAPHRASES_3 = [
    "Asiakas kysyi, voisiko hän saada apua paetakseen.",
    "Pyysi, että järjestäisimme hänelle majoituksen jostain, mistä työnantaja ei löydä.",
    "Asked whether the social worker could help her leave the man without him knowing.",
    "She asked whether we could hide her.",
    "Asked for help getting away from the people who brought her here.",
    "Hon frågade om vi kan hjälpa henne att gömma sig.",
    "Han bad om hjälp att lämna jobbet utan att chefen märker något.",
    "Hon ville veta om det finns någon som kan hjälpa henne att fly från mannen.",
    "Pyysi apua päästäkseen pois miehen luota turvakotiin.",
    "She asked to be taken to a shelter instead of going home to him.",
    "Hon bad att få åka till ett skyddat boende i stället för hem till honom.",
    "Kysyi, voiko hän tulla vastaanotolle uudelleen, jos hänen täytyy paeta.",
    "Asked if she can come back here if she has to flee.",
    "Frågade om hon kan komma hit igen om hon måste fly.",
    "Asiakas pyysi meitä ilmoittamaan poliisille työnantajasta, koska ei itse uskalla.",
    "Asked us to report her employer to the police because she does not dare to herself.",
    "Bad oss anmäla arbetsgivaren till polisen eftersom hon inte vågar själv.",
    "Hän haluaa lopettaa seksin myymisen ja pyysi apua.",
    "She wants to stop selling sex and asked for help.",
    "Hon vill sluta sälja sex och bad om hjälp.",
    "Kysyi, voisiko hän päästä jonnekin, missä mies ei löydä häntä.",
    "Potilas pyysi apua irtautuakseen hyväksikäyttäjästään.",
    "Asiakas toivoi pääsevänsä ihmiskaupan uhrien auttamisjärjestelmän piiriin.",
    "Kysyi, saisiko hän suojaa, jos kertoo viranomaisille työnantajastaan.",
    "Asked whether she would be protected if she reported her employer.",
    "Frågade om hon får skydd om hon anmäler arbetsgivaren.",
    "Hän toivoo pääsevänsä pois asunnosta, jossa häntä pidetään.",
    "She hopes to get out of the flat where she is being kept.",
    "Pyysi, että joku tulisi hakemaan hänet, kun mies on töissä.",
    "Asked whether someone could pick her up while the man is at work.",
    "Frågade om någon kan hämta henne medan mannen är på jobbet.",
    "Toivoo saavansa turvallisen majoituksen, johon parittaja ei pääse.",
    "Asiakas kysyi, voisiko hänet sijoittaa jonnekin turvaan.",
    "Pyysi meitä soittamaan Pro-tukipisteeseen hänen puolestaan.",
    "She asked for help to find a new job so she can leave the employer who holds her passport.",
    "Asked to be admitted so that the man cannot come and get her.",
    "Kysyi, voisiko hän saada tulkin ja juristin, jotta voisi kertoa tilanteestaan viranomaisille.",
    "Frågade om hon kan få hjälp att ta sig till en trygg plats i kväll.",
    "Hon bad om att få prata med polisen utan att mannen får veta.",
    "Toivoi, että häntä autettaisiin pääsemään eroon työnantajasta.",
    "He begged us to help him get away from the farm.",
    "Han bad oss hjälpa honom att ta sig därifrån.",
    "Pyysi apua löytääkseen turvallisen paikan itselleen ja lapselleen.",
    "Asked for help finding a safe place for herself and her child.",
    "Bad om hjälp att hitta ett tryggt ställe för sig och barnet.",
    "Asiakas pyysi, ettei hänen käynnistään kerrota miehelle.",
    "She asked that her visit not be mentioned to her husband.",
    "Hon bad att besöket inte skulle nämnas för mannen.",
    "Kysyi, voisiko hän jäädä Suomeen, jos kertoo kaiken poliisille.",
    "Asked whether she would be safe if she told the police everything.",
    "Frågade om hon skulle vara säker om hon berättade allt för polisen.",
    "Pyysi, että häntä autettaisiin pääsemään pois miehen luota.",
    "She wants someone to help her get away from the man.",
    "Hon vill att någon hjälper henne att komma bort från mannen.",
    "Asked for a number she could call secretly if things get worse.",
    "Kysyi numeroa, johon voisi soittaa salaa, jos tilanne pahenee.",
    "Frågade efter ett nummer hon kan ringa i hemlighet om det blir värre.",
    "Asked where she could go if she ran away.",
    "Kysyi, minne hän voisi mennä, jos karkaa.",
    "Frågade vart hon kan ta vägen om hon rymmer.",
    "Toivoi, että hänelle etsittäisiin uusi asunto, josta pomo ei tiedä.",
    "Hoped we could find her a new flat that her boss does not know about.",
    "Hoppas att vi kan hitta en ny bostad åt henne som chefen inte känner till.",
    "Pyysi apua päästäkseen kotiin omaan maahansa ilman että työnantaja saa tietää.",
    "Asked for help to go home to her own country without the employer finding out.",
    "Bad om hjälp att resa hem till sitt land utan att arbetsgivaren får veta.",
    "Haluaa irtautua parittajasta ja pyysi apua.",
    "Wants to break free from her pimp and asked for help.",
    "Vill komma ifrån sin hallick och bad om hjälp.",
    "Asiakas kysyi, voisimmeko auttaa häntä pääsemään turvaan työnantajalta.",
    "She asked if we could help her get to safety away from her employer.",
    "Hon frågade om vi kunde hjälpa henne att komma i säkerhet från arbetsgivaren.",
    "Pyysi, että ottaisimme yhteyttä poliisiin hänen puolestaan, koska pelkää pomoaan.",
    "Asked us to contact the police for her because she is afraid of her boss.",
    "Bad oss kontakta polisen åt henne eftersom hon är rädd för sin chef.",
    "Kysyi, onko jokin paikka, jossa hän voisi olla turvassa mieheltä.",
    "Asked whether there is a place where she could be safe from the man.",
    "Frågade om det finns ett ställe där hon kan vara trygg från mannen.",
    "Toivoi pääsevänsä turvakotiin vielä tänään.",
    "She hopes to get into a shelter today.",
    "Hon hoppas få komma till ett skyddat boende i dag.",
    "Haluaa lähteä työpaikasta, mutta ei uskalla ilman apua.",
    "Wants to leave the workplace but does not dare without help.",
    "Vill lämna arbetsplatsen men vågar inte utan hjälp.",
    "Pyysi, ettei hänen osoitettaan kerrota miehelle.",
    "Asked that her address not be given to her husband.",
    "Bad att hennes adress inte lämnas ut till mannen.",
    "Kysyi, voisiko hän päästä kotimaahansa turvallisesti ilman että työnantaja tietää.",
    "Asked how she could return home safely without the employer knowing.",
    "Frågade hur hon kan resa hem säkert utan att arbetsgivaren vet.",
    "Pyysi yhteystietoja Pro-tukipisteeseen ja ihmiskaupan uhrien auttamisjärjestelmään.",
    "Asked for the contact details of the assistance system for victims of trafficking.",
    "Bad om kontaktuppgifter till hjälpsystemet för offer för människohandel.",
]

# Round 3: care talk sharing the words of the round-3 families.
NEAR_MISSES_3 = [
    "Her knee hurts if she walks far; mother present.",
    "Tekee ilmoituksen poliisille varkaudesta.",
    "The landlord charges her for the flat and heating.",
    "Hän myy vanhoja vaatteita ja julkaisee ilmoituksia netissä.",
    "On call: must be available at all times as a surgeon.",
    "Passi jätetty vakuudeksi autovuokraamoon.",
    "Maksaa puolet palkastaan vuokraan, asunto kallis.",
    "She handed over her phone to the nurse for charging.",
    "Hammashoitola: ei ole käynyt hoidossa, koska pelkää hammaslääkäriä.",
    "Maternity: plans to go back to work six months after the birth.",
    "Kotihoito: asiakas nukkuu sohvalla selkäkivun vuoksi.",
    "Asiakas pyysi meitä ilmoittamaan poliisille kadonneesta lompakosta.",
    "She asked to be taken home instead of staying the night.",
    "Haluaa lopettaa tupakoinnin ja pyysi apua.",
    "The companion held the patient's phone while she changed.",
    "Kertoo, että työnantaja on ottanut hänet takaisin töihin.",
    "Asiakas kertoo joutuneensa työskentelemään ylitöitä kiireen vuoksi.",
    "Hän kertoo tekevänsä töitä yötä päivää opinnäytetyön takia.",
    "Potilas pyysi apua irtautuakseen nikotiinista.",
    "Kysyi, voisiko hän päästä jonnekin kuntoutukseen.",
    "Pyysi, että joku tulisi hakemaan hänet, kun hoito on valmis.",
    "Palkka maksetaan tilille kuun 15. päivä.",
    "She keeps saying she must pay off her car loan.",
    "The woman who brought her is her daughter and translated.",
    "Asked to be admitted because the pain is unbearable.",
    "Pyysi apua löytääkseen sopivan kuntosalin.",
    "Kysyi, voisiko hän saada tulkin seuraavalle käynnille.",
    "There are cameras in the ward corridors.",
    "Ei saa pitää yhteyttä osastolle ennen tuloksia.",
    "Asiakas pyysi, ettei hänen käynnistään kerrota työpaikalle.",
    "Ei voi tulla kontrolliin, koska on matkoilla.",
    "Maksaa vuokraa 400 euroa kuussa.",
    "Isä saattaa lapsen kouluun.",
    "Puhuu poikaystävästä, joka huolehtii hänestä.",
    "The patient owes money on her credit card.",
    "Sleeps on the sofa because of back pain.",
    "Kysyi, voisiko hän tehdä ilmoituksen poliisille kadonneesta lompakosta.",
    "Asked for the number of the out-of-hours clinic.",
    "Hon vill komma ifrån sina sömnproblem och bad om hjälp.",
    "Wants to break free from smoking and asked for help.",
    "Asked where she could go for a blood test.",
    "Muistisairas asiakas ei tiedä osoitettaan, omainen ohjattu.",
    "Patient with dementia did not know her address; daughter informed.",
    "Veli ja hänen vaimonsa järjestävät häät ensi kesänä.",
    "The parents arranged the wedding party for next summer.",
    "Potilas pelkää, että lapsi suuttuu, jos hän kertoo diagnoosista.",
    "Työnantaja maksaa palkan aina kuun lopussa.",
    "He sold his car to pay the rent.",
    "Kidney function normal, creatinine 72.",
    "Kertoo lukitsevansa oven aina yöksi.",
    "She locks the door at night because of burglaries in the area.",
    "Pyysi apua muuttoon uuteen asuntoon.",
    "Asked whether she could stay one more night on the ward because of pain.",
    "Haluaa lähteä kotiin, mutta tarvitsee apua pukeutumisessa.",
    "Kysyi, voiko hän jäädä osastolle yöksi, koska pelkää olla yksin.",
    "Kysyi, voiko hän tehdä rikosilmoituksen varastetusta pyörästä.",
    "Asked whether her address would be visible in the patient portal.",
    "Hoitaja ei saa käyttää kondomia lateksiallergian vuoksi.",
    "Ei käy koulua sairausloman vuoksi, hoitaa kotona pikkusisarusta.",
    "Client wants to move away from the city to be closer to her parents.",
    "Haluaa muuttaa erilleen miehestään, avioero vireillä.",
    "The manager says she is controlled by the rota.",
]


@pytest.mark.parametrize("text", INDICATOR_PARAPHRASES + INDICATOR_PARAPHRASES_3)
def test_indicator_paraphrases_fire(text: str) -> None:
    """Does a sign said in other words than the patterns' examples still count?"""
    assert disclosure.find("indicator_disclosure", text), text


@pytest.mark.parametrize("text", HELP_PARAPHRASES + HELP_PARAPHRASES_3)
def test_help_paraphrases_fire(text: str) -> None:
    """Does a request to get out said in other words still count?"""
    assert disclosure.find("help_request_disclosure", text), text


@pytest.mark.parametrize("text", NEAR_MISSES + NEAR_MISSES_3)
def test_near_misses_do_not_fire(text: str) -> None:
    """Does ordinary care talk that shares the words stay quiet?"""
    for rule_id in disclosure.RULES:
        assert disclosure.find(rule_id, text) == [], (rule_id, text)


# Round 3: each sign family in fi, sv and en, written apart from the dev splits.

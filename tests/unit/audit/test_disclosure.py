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
]


@pytest.mark.parametrize("text", INDICATOR_PARAPHRASES)
def test_indicator_paraphrases_fire(text: str) -> None:
    """Does a sign said in other words than the patterns' examples still count?"""
    assert disclosure.find("indicator_disclosure", text), text


@pytest.mark.parametrize("text", HELP_PARAPHRASES)
def test_help_paraphrases_fire(text: str) -> None:
    """Does a request to get out said in other words still count?"""
    assert disclosure.find("help_request_disclosure", text), text


@pytest.mark.parametrize("text", NEAR_MISSES)
def test_near_misses_do_not_fire(text: str) -> None:
    """Does ordinary care talk that shares the words stay quiet?"""
    for rule_id in disclosure.RULES:
        assert disclosure.find(rule_id, text) == [], (rule_id, text)

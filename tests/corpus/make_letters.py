#!/usr/bin/python3
"""Synthetic French medical letters for the reading tests and bench (never committed).

Each letter NAME.pdf comes with NAME.json, its ground truth, and the corpus comes with the
directory extracts (OUT/annuaire/) that hold its professionals among ~3000 distractors.
Fictitious people only; matricules use the INS test OID.

Letters are drawn from layout families (identity, addressee, copies), fonts, one or two columns,
one to three pages, with traps (numbers that are not the INS, doctors who are not recipients,
namesakes). The families are split: --split tuning draws the families below; --split heldout
draws only those of heldout_layouts.py (never look at them, nor at held-out letters, while
tuning the reader), from a different seed space.

Variants: "text" (text layer), "scan300" / "scan200" (image-only PDF of the same letter:
rendered, tilted, noisy, JPEG), "scan300-96ppi" (the 300 dpi image declared at 96 ppi, as some
image-to-PDF tools write it), "mixed" (a text page, then its 300 dpi scan).

Truth (NAME.json): the layout families, font, columns, pages, case, traps, DataMatrix pages and
box, document type, the patient as expected from the reader ("ins" null when the INS must be
withheld), the author, the recipients (RPPS or null when the directory does not hold them; "auto"
when exactly one professional of the directory fits the printed name and place, and the given
name is printed in full or a place is printed with it) and "never_auto",
the RPPS that must never be auto-selected (author, doctors named in the body or the side column,
namesakes). Debugging aid: MISSIVE_CORPUS_CHECK_OVERLAP=1 reports text drawn over text.

usage: make_letters.py OUTDIR [--count N] [--seed S] [--split tuning|heldout]
                       [--variants text,scan300,scan200,scan300-96ppi,mixed]
                       [--cases] [--bad] [--scans N] [--scans200 N] [--scans96 N] [--mixed N]
                       [--one-page N] [--pages50 N] [--annuaire DIR] [--distractors N]
"""
import argparse
import io
import json
import os
import random
import subprocess
import sys
import tempfile
import unicodedata
import zlib

from reportlab import rl_config
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import heldout_layouts  # noqa: E402  (the held-out families; see the module docstring above)
import layouts_b  # noqa: E402  (tuning families, second set: the held-out of sessions <= 28)
import layouts_c  # noqa: E402  (tuning families, third set: the held-out of session 29)
import layouts_d  # noqa: E402  (tuning families, fourth set: the held-out of session 30)
import layouts_e  # noqa: E402  (tuning families, fifth set: the held-out of session 31)
import layouts_f  # noqa: E402  (tuning families, sixth set: the held-out of session 32)
import layouts_g  # noqa: E402  (tuning families, seventh set: the held-out of session 33)
import layouts_h  # noqa: E402  (tuning families, eighth set: the held-out of session 34)
import layouts_i  # noqa: E402  (tuning families, ninth set: the held-out of session 35)
import layouts_j  # noqa: E402  (tuning families, tenth set: the held-out of session 36)
import layouts_k  # noqa: E402  (tuning families, eleventh set: the held-out of session 37)
import layouts_l  # noqa: E402  (tuning families, twelfth set: the held-out of session 38)
import layouts_m  # noqa: E402  (tuning families, thirteenth set: the held-out of session 39)
import layouts_n  # noqa: E402  (tuning families, fourteenth set: the held-out of session 40)
import layouts_o  # noqa: E402  (tuning families, fifteenth set: the held-out of session 41)
import layouts_p  # noqa: E402  (tuning families, sixteenth set: the held-out of session 42)
import layouts_q  # noqa: E402  (tuning families, seventeenth set: the held-out of session 43)
import layouts_r  # noqa: E402  (tuning families, eighteenth set: the held-out of session 44)
import layouts_s  # noqa: E402  (tuning families, nineteenth set: the held-out of session 45)
import layouts_t  # noqa: E402  (tuning families, twentieth set: the held-out of session 46)
import layouts_u  # noqa: E402  (tuning families, twenty-first set: the held-out of session 47)

TUNING_MODULES = (layouts_b, layouts_c, layouts_d, layouts_e, layouts_f, layouts_g, layouts_h,
                  layouts_i, layouts_j, layouts_k, layouts_l, layouts_m, layouts_n,
                  layouts_o, layouts_p, layouts_q, layouts_r, layouts_s,
                  layouts_t, layouts_u)

rl_config.invariant = 1  # no timestamps nor random ids in the PDFs: a seed gives the same bytes
W, H = A4
TEST_OID = "1.2.250.1.213.1.4.10"
GS = "\x1d"
NBSP = "\u00a0"  # inside an INS or a date: the line never breaks there (drawn as a plain space)
TODAY = (2026, 11, 23)
STAMP = "202611230000"
PA_FILE = "PS_LibreAcces_Personne_activite_%s.txt" % STAMP
MSS_FILE = "Extraction_Correspondance_MSSante_%s.txt" % STAMP

# ---------------------------------------------------------------------------------------------
# Fonts: (regular, bold, italic) per family. Base-14 fonts always; TrueType ones when installed
# (fonts-dejavu-core, fonts-liberation2).
FONTS = {
    "Helvetica": ("Helvetica", "Helvetica-Bold", "Helvetica-Oblique"),
    "Times": ("Times-Roman", "Times-Bold", "Times-Italic"),
    "Courier": ("Courier", "Courier-Bold", "Courier-Oblique"),
}


def register_ttf_family(key, regular, bold, italic):
    """Registers a TrueType family if its files exist; returns True when usable."""
    if key in FONTS:
        return True
    if not all(os.path.exists(p) for p in (regular, bold, italic)):
        return False
    names = []
    for suffix, path in (("", regular), ("-Bold", bold), ("-Italic", italic)):
        name = key + suffix
        pdfmetrics.registerFont(TTFont(name, path))
        names.append(name)
    FONTS[key] = tuple(names)
    return True


_URW_AFM = "/usr/share/fonts/type1/urw-base35/"
_URW_PFB = ("/usr/share/fonts/X11/Type1/", "/usr/share/fonts/type1/urw-base35/")


def register_type1_family(key, regular, bold, italic):
    """A Type 1 family (URW base 35: metrics in .afm, outlines in .pfb), embedded as WinAnsi.
    False when the files are missing (fonts-urw-base35 not installed): the family is not offered."""
    if key in FONTS:
        return True
    files = []
    for base in (regular, bold, italic):
        afm = _URW_AFM + base + ".afm"
        pfb = next((d + base + ".pfb" for d in _URW_PFB if os.path.exists(d + base + ".pfb")), None)
        if not os.path.exists(afm) or pfb is None:
            return False
        files.append((afm, pfb))
    names = []
    try:
        for afm, pfb in files:
            face = pdfmetrics.EmbeddedType1Face(afm, pfb)
            pdfmetrics.registerTypeFace(face)
            pdfmetrics.registerFont(pdfmetrics.Font(face.name, face.name, "WinAnsiEncoding"))
            names.append(face.name)
    except Exception:  # a broken font file: the family is simply not offered
        return False
    FONTS[key] = tuple(names)
    return True


_DV = "/usr/share/fonts/truetype/dejavu/"
_LB = "/usr/share/fonts/truetype/liberation2/"
register_ttf_family("DejaVuSans", _DV + "DejaVuSans.ttf", _DV + "DejaVuSans-Bold.ttf", _DV + "DejaVuSans-Oblique.ttf")
register_ttf_family("DejaVuSerif", _DV + "DejaVuSerif.ttf", _DV + "DejaVuSerif-Bold.ttf",
                    _DV + "DejaVuSerif-Italic.ttf")
register_ttf_family("LiberationSans", _LB + "LiberationSans-Regular.ttf", _LB + "LiberationSans-Bold.ttf",
                    _LB + "LiberationSans-Italic.ttf")
TUNING_FONTS = [f for f in ("Helvetica", "Times", "Courier", "DejaVuSans", "DejaVuSerif", "LiberationSans")
                if f in FONTS]

# ---------------------------------------------------------------------------------------------
# Names and places (fictitious combinations of common names).
SURNAMES = """MARTIN BERNARD THOMAS PETIT ROBERT RICHARD DURAND DUBOIS MOREAU LAURENT SIMON MICHEL LEFÈVRE LEROY
ROUX DAVID BERTRAND MOREL FOURNIER GIRARD BONNET DUPONT LAMBERT FONTAINE ROUSSEAU VINCENT MÜLLER LEFEBVRE FAURE
ANDRÉ MERCIER BLANC GUÉRIN BOYER GARNIER CHEVALIER FRANÇOIS LEGRAND GAUTHIER GARCIA PERRIN ROBIN CLÉMENT MORIN
NICOLAS HENRY ROUSSEL MATHIEU GAUTIER MASSON MARCHAND DUVAL DENIS DUMONT LEMAIRE NOËL MEYER DUFOUR MEUNIER
BRUN BLANCHARD GIRAUD JOLY RIVIÈRE LUCAS BRUNET GAILLARD BARBIER ARNAUD MARTINEZ GÉRARD ROCHE RENARD SCHMITT
ROY LEROUX COLIN VIDAL CARON PICARD ROGER FABRE AUBERT LEMOINE RENAUD DUMAS LACROIX OLIVIER PHILIPPE
BOURGEOIS PIERRE BENOÎT REY LECLERC PAYET ROLLAND LECLERCQ GUILLAUME LECOMTE LOPEZ JEAN DUPUY GUILLOT HUBERT
BERGER CARPENTIER SANCHEZ DUPUIS MOULIN LOUIS DESCHAMPS HUET VASSEUR PEREZ BOUCHER FLEURY ROYER KLEIN JACQUET
ADAM PARIS POIRIER MARTY AUBRY GUYOT CARRÉ CHARLES RENAULT CHARPENTIER MÉNARD MAILLARD BARON BERTIN BAILLY
HERVÉ SCHNEIDER FERNANDEZ COLLET LÉGER BOUVIER JULIEN PRÉVOST MILLET PERROT DANIEL COUSIN GERMAIN BRETON
BESSON LANGLOIS RÉMY PELLETIER LÉVÊQUE PERRIER LEBLANC BARRÉ LEBRUN MARCHAL WEBER MALLET HAMON BOULANGER
JACOB MONNIER MICHAUD RODRIGUEZ GUICHARD GILLET ÉTIENNE GRONDIN POULAIN TESSIER CHEVALLIER COLLIN CHAUVIN
BOUCHET GAY LEMAÎTRE BÉNARD MARÉCHAL HUMBERT REYNAUD ANTOINE HOARAU PERRET BARTHÉLEMY CORDIER PICHON LEJEUNE
GILBERT LAMY DELAUNAY PASQUIER CARLIER LAPORTE NGUYEN TRAN DIALLO BENALI HADDAD KERBRAT GUÉGUEN
N'DIAYE N'GUESSAN O'CONNOR D'ALMEIDA SAINT-JUST SAINT-MARTIN SAINT-PIERRE KERGUÉLEN L'HOSTIS ABDELKADER
FRANCE LAVAL LYON TOULOUSE VIENNE NORMAND LORRAIN SAVOYE LEBON BONHOMME LEBEAU DUPONT-MOREAU ROUX-BLANC
MARTIN-GALLAIS""".split()
SURNAMES += ["LE GALL", "LE ROUX", "LE GOFF", "LE BIHAN", "LE MOAL", "DA SILVA", "DE SOUSA", "DE LA FONTAINE",
             "VAN DAMME"]
COMMON_SURNAMES = SURNAMES[:60]  # the most frequent ones: drawn more often

GIVEN_F = """Marie Anne Sophie Isabelle Nathalie Catherine Christine Sylvie Valérie Claire Hélène Julie Camille Léa
Manon Chloé Emma Inès Zoé Éloïse Gaëlle Anaïs Céline Aurélie Émilie Laure Agnès Françoise Monique Jacqueline
Brigitte Martine Nicole Odile Josiane Yasmine Fatima Aïcha Marie-Thérèse Anne-Sophie Marie-Claire Anne-Laure
Marie-Hélène Béatrice Geneviève Noémie Océane Maëlle Clémence Margaux Solène Ségolène Lan Pauline Justine
Élodie Virginie Sandrine Mathilde Lucie Alice Jeanne""".split()
GIVEN_M = """Jean Pierre Michel Philippe Alain Patrick Nicolas Christophe François Laurent Éric Olivier Thierry
Stéphane Julien Thomas Antoine Hugo Lucas Louis Gabriel Arthur Jules Léo Nathan Mathis Yann Loïc Gwenaël Hervé
Yves Bernard André René Gérard Jacques Claude Daniel Marc Paul Karim Mohamed Mehdi Youssef Jean-Pierre
Jean-Claude Jean-Marc Jean-François Pierre-Yves Jean-Baptiste Noël Joël Raphaël Benoît Jérôme Sébastien
Frédéric Cédric Grégoire Minh Kévin Vincent Guillaume Romain Maxime Damien""".split()

# Birth places: (commune or country, COG code).
BIRTH_PLACES = [
    ("Brest", "29019"), ("Quimper", "29232"), ("Rennes", "35238"), ("Nantes", "44109"), ("Saint-Nazaire", "44184"),
    ("Lorient", "56121"), ("Vannes", "56260"), ("Ajaccio", "2A004"), ("Bastia", "2B033"), ("Strasbourg", "67482"),
    ("Toulouse", "31555"), ("Lyon 3e Arrondissement", "69383"), ("Marseille 8e Arrondissement", "13208"),
    ("Paris 14e Arrondissement", "75114"), ("Bordeaux", "33063"), ("Lille", "59350"), ("Montpellier", "34172"),
    ("Nice", "06088"), ("Grenoble", "38185"), ("Dijon", "21231"), ("Limoges", "87085"),
    ("Clermont-Ferrand", "63113"), ("Tours", "37261"), ("Angers", "49007"), ("Caen", "14118"), ("Rouen", "76540"),
    ("Reims", "51454"), ("Metz", "57463"), ("Nancy", "54395"), ("Besançon", "25056"), ("Poitiers", "86194"),
    ("Orléans", "45234"), ("Amiens", "80021"), ("Le Mans", "72181"), ("Perpignan", "66136"), ("Pau", "64445"),
    ("Saint-Étienne", "42218"), ("Toulon", "83137"), ("Avignon", "84007"), ("Nîmes", "30189"),
    ("La Rochelle", "17300"), ("Saint-Brieuc", "22278"), ("Mulhouse", "68224"), ("Troyes", "10387"),
    ("Chartres", "28085"), ("Valence", "26362"), ("Annecy", "74010"), ("Chambéry", "73065"), ("Laval", "53130"),
    ("Morlaix", "29151"), ("Landerneau", "29103"), ("Concarneau", "29039"), ("Pontivy", "56178"),
]
DOM_PLACES = [("Cayenne", "97302"), ("Fort-de-France", "97209"), ("Saint-Denis", "97411"),
              ("Pointe-à-Pitre", "97120")]
FOREIGN_PLACES = [("Maroc", "99350"), ("Algérie", "99352"), ("Tunisie", "99351"), ("Portugal", "99139"),
                  ("Espagne", "99134"), ("Italie", "99127"), ("Belgique", "99131"), ("Sénégal", "99341"),
                  ("Viêt Nam", "99243"), ("Turquie", "99208"), ("Allemagne", "99109"), ("Royaume-Uni", "99132"),
                  ("Cameroun", "99322"), ("Côte d'Ivoire", "99326"), ("Madagascar", "99333")]

# Practice places: (postcode, INSEE code, city as in the directory, phone prefix).
CITIES = [
    ("75001", "75101", "PARIS", "01 42"), ("75014", "75114", "PARIS", "01 45"), ("75015", "75115", "PARIS", "01 48"),
    ("69006", "69386", "LYON", "04 78"), ("69003", "69383", "LYON", "04 72"), ("13008", "13208", "MARSEILLE", "04 91"),
    ("31000", "31555", "TOULOUSE", "05 61"), ("33000", "33063", "BORDEAUX", "05 56"),
    ("59000", "59350", "LILLE", "03 20"), ("44000", "44109", "NANTES", "02 40"),
    ("67000", "67482", "STRASBOURG", "03 88"), ("34000", "34172", "MONTPELLIER", "04 67"),
    ("35000", "35238", "RENNES", "02 99"), ("29200", "29019", "BREST", "02 98"),
    ("29000", "29232", "QUIMPER", "02 98"), ("06000", "06088", "NICE", "04 93"),
    ("38000", "38185", "GRENOBLE", "04 76"), ("21000", "21231", "DIJON", "03 80"),
    ("49000", "49007", "ANGERS", "02 41"), ("37000", "37261", "TOURS", "02 47"),
    ("56100", "56121", "LORIENT", "02 97"), ("56000", "56260", "VANNES", "02 97"), ("14000", "14118", "CAEN", "02 31"),
    ("76000", "76540", "ROUEN", "02 35"), ("51100", "51454", "REIMS", "03 26"), ("57000", "57463", "METZ", "03 87"),
    ("54000", "54395", "NANCY", "03 83"), ("25000", "25056", "BESANÇON", "03 81"),
    ("86000", "86194", "POITIERS", "05 49"), ("45000", "45234", "ORLÉANS", "02 38"),
    ("80000", "80021", "AMIENS", "03 22"), ("72000", "72181", "LE MANS", "02 43"),
    ("66000", "66136", "PERPIGNAN", "04 68"), ("64000", "64445", "PAU", "05 59"),
    ("42000", "42218", "SAINT-ÉTIENNE", "04 77"), ("83000", "83137", "TOULON", "04 94"),
    ("84000", "84007", "AVIGNON", "04 90"), ("30000", "30189", "NÎMES", "04 66"),
    ("17000", "17300", "LA ROCHELLE", "05 46"), ("22000", "22278", "SAINT-BRIEUC", "02 96"),
    ("35400", "35288", "SAINT-MALO", "02 99"), ("44600", "44184", "SAINT-NAZAIRE", "02 40"),
    ("93200", "93066", "SAINT-DENIS", "01 48"), ("68100", "68224", "MULHOUSE", "03 89"),
    ("53000", "53130", "LAVAL", "02 43"), ("38200", "38544", "VIENNE", "04 74"),
    ("29600", "29151", "MORLAIX", "02 98"), ("29800", "29103", "LANDERNEAU", "02 98"),
    ("29900", "29039", "CONCARNEAU", "02 98"), ("56300", "56178", "PONTIVY", "02 97"),
    ("22300", "22113", "LANNION", "02 96"), ("74000", "74010", "ANNECY", "04 50"),
    ("73000", "73065", "CHAMBÉRY", "04 79"), ("26000", "26362", "VALENCE", "04 75"),
    ("28000", "28085", "CHARTRES", "02 37"), ("10000", "10387", "TROYES", "03 25"),
    ("87000", "87085", "LIMOGES", "05 55"), ("63000", "63113", "CLERMONT-FERRAND", "04 73"),
    ("20000", "2A004", "AJACCIO", "04 95"),
]
STREETS = [("R", "rue", n) for n in ("des Lilas", "de Siam", "Jean Jaurès", "Victor Hugo", "de la République",
                                     "du Port",
                                     "Nationale", "de Paris", "Pasteur", "des Écoles", "Saint-Michel", "du Château",
                                     "de la Gare", "Émile Zola", "des Vignes", "du Général de Gaulle", "Gambetta")]
STREETS += [("AV", "avenue", n) for n in ("Foch", "de la Libération", "des Tilleuls", "du Prado", "Jean Moulin",
                                          "de Verdun", "Clemenceau")]
STREETS += [("BD", "boulevard", n) for n in ("de la Liberté", "Voltaire", "Gambetta", "de Strasbourg",
                                              "Tanguy Prigent")]
STREETS += [("PL", "place", n) for n in ("de la Résistance", "du Marché", "de l'Église", "Saint-Louis")]
STREETS += [("CHE", "chemin", n) for n in ("des Vignes", "du Moulin", "des Prés")]
STREETS += [("QUAI", "quai", n) for n in ("Saint-Antoine", "de la Fosse")]
STREETS += [("ALL", "allée", n) for n in ("des Tilleuls", "des Chênes")]
STREETS += [("IMP", "impasse", n) for n in ("du Lavoir", "des Roses")]
STREETS += [("RTE", "route", n) for n in ("de Lyon", "de Quimper")]

# (SM code, directory label, printed titles, service name)
SPECIALTIES = [
    ("SM54", "Médecine générale", ["Médecin généraliste", "Médecine générale", "Médecin généraliste"],
     "Médecine générale"),
    ("SM04", "Cardiologie et maladies vasculaires", ["Cardiologue", "Cardiologie"], "Cardiologie"),
    ("SM24", "Gastro-entérologie et hépatologie", ["Gastro-entérologue", "Hépato-gastro-entérologue"],
     "Hépato-gastro-entérologie"),
    ("SM15", "Dermatologie et vénéréologie", ["Dermatologue"], "Dermatologie"),
    ("SM62", "Endocrinologie, diabétologie, nutrition", ["Endocrinologue", "Endocrinologue-diabétologue"],
     "Endocrinologie"),
    ("SM41", "Pneumologie", ["Pneumologue"], "Pneumologie"),
    ("SM30", "Néphrologie", ["Néphrologue"], "Néphrologie"),
    ("SM32", "Neurologie", ["Neurologue"], "Neurologie"),
    ("SM38", "Ophtalmologie", ["Ophtalmologiste", "Ophtalmologue"], "Ophtalmologie"),
    ("SM39", "Oto-rhino-laryngologie", ["ORL", "Oto-rhino-laryngologiste"], "ORL"),
    ("SM40", "Pédiatrie", ["Pédiatre"], "Pédiatrie"),
    ("SM42", "Psychiatrie", ["Psychiatre"], "Psychiatrie"),
    ("SM48", "Rhumatologie", ["Rhumatologue"], "Rhumatologie"),
    ("SM08", "Chirurgie orthopédique et traumatologie", ["Chirurgien orthopédiste", "Chirurgie orthopédique"],
     "Chirurgie orthopédique"),
    ("SM14", "Chirurgie viscérale et digestive", ["Chirurgien viscéral", "Chirurgie digestive"], "Chirurgie viscérale"),
    ("SM12", "Chirurgie urologique", ["Urologue"], "Urologie"),
    ("SM20", "Gynécologie-obstétrique", ["Gynécologue-obstétricien", "Gynécologue"], "Gynécologie-obstétrique"),
    ("SM02", "Anesthésie-réanimation", ["Anesthésiste-réanimateur", "Anesthésiste"], "Anesthésie"),
    ("SM27", "Médecine interne", ["Interniste", "Médecine interne"], "Médecine interne"),
    ("SM18", "Gériatrie", ["Gériatre"], "Gériatrie"),
    ("SM44", "Radio-diagnostic", ["Radiologue"], "Imagerie médicale"),
    ("SM21", "Hématologie", ["Hématologue"], "Hématologie"),
    ("SM36", "Oncologie, option médicale", ["Oncologue"], "Oncologie médicale"),
    ("SM59", "Médecine d'urgence", ["Urgentiste"], "Urgences"),
]
SPEC = {s[0]: s for s in SPECIALTIES}
GP = "SM54"
# Other professions, for a realistic directory (never addressed here).
OTHER_PROFESSIONS = [("60", "Infirmier"), ("70", "Masseur-Kinésithérapeute"), ("21", "Pharmacien"),
                     ("40", "Chirurgien-Dentiste"), ("50", "Sage-Femme")]

MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
          "novembre", "décembre"]

# ---------------------------------------------------------------------------------------------
# Identifiers


def nir_key(body13):
    digits = body13
    if body13[5:7] == "2A":
        digits = body13[:5] + "19" + body13[7:]
    elif body13[5:7] == "2B":
        digits = body13[:5] + "18" + body13[7:]
    return "%02d" % (97 - int(digits) % 97)


def nir_valid(m):
    return len(m) == 15 and nir_key(m[:13]) == m[13:]


def luhn_digit(body):
    total = 0
    for i, ch in enumerate(reversed(body)):
        d = int(ch)
        if i % 2 == 0:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return str((10 - total % 10) % 10)


def insi(text):
    """INSi uppercase: no diacritics, A-Z, space, apostrophe, hyphen."""
    text = text.replace("œ", "oe").replace("Œ", "OE").replace("æ", "ae").replace("Æ", "AE")
    plain = "".join(c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn")
    return " ".join(plain.upper().replace("’", "'").split())


def key_name(text):
    """Comparison key for names and cities: INSi with hyphens as spaces."""
    return insi(text).replace("-", " ").replace("'", " ").replace("  ", " ")


def cap_name(upper):
    """'LE GOFF' -> 'Le Goff', "N'DIAYE" -> "N'Diaye", 'SAINT-JUST' -> 'Saint-Just'."""
    out = []
    for i, ch in enumerate(upper):
        prev = upper[i - 1] if i else " "
        out.append(ch if prev in " -'" else ch.lower())
    return "".join(out)


def title_city(city):
    return cap_name(city).replace(" Le ", " le ").replace(" La ", " la ")


def de(word):
    """'de cardiologie', "d'hépato-gastro-entérologie", "d'ORL"."""
    return ("d'" if insi(word[:1]) in "AEIOUYH" else "de ") + word


def lower_service(name):
    return name if name.isupper() else name.lower()  # "ORL" stays


def service_of(name):
    return "Service " + de(lower_service(name))


class Prof:
    """A professional: in the directory (`listed`) or not (a recipient the directory ignores)."""

    def __init__(self, **kw):
        self.rpps = None
        self.title = "DR"  # DR, PR, or "" for other professions
        self.sex = "M"
        self.given = ""
        self.family = ""
        self.profession = ("10", "Médecin")
        self.spec = SPEC[GP]
        self.site = ""
        self.service = ""
        self.street = None  # (number, type code, type label, name)
        self.postcode = ""
        self.insee = ""
        self.city = ""
        self.phone = ""
        self.mssante = None
        self.listed = True
        self.salaried = False
        self.__dict__.update(kw)

    def display(self):
        return "%s %s %s" % ("Pr" if self.title == "PR" else "Dr", self.given, self.family)

    def street_line(self):
        n, _, label, name = self.street
        return "%s %s %s" % (n, label, name)


class World:
    """The professionals of one corpus: the directory extract written beside the letters."""

    def __init__(self, key):
        self.rng = random.Random("%s-directory" % key)
        self.profs = []
        self.rpps_seen = set()
        self.mailboxes = set()
        self.hospitals = {}

    def new_rpps(self):
        while True:
            body = "10" + "%08d" % self.rng.randint(0, 99999999)
            rpps = body + luhn_digit(body)
            if rpps not in self.rpps_seen:
                self.rpps_seen.add(rpps)
                return rpps

    def hospital(self, rng):
        """An establishment (letterhead) with its address; several letters may share one."""
        city = rng.choice(CITIES)
        kind = rng.choice(["CHU", "CH", "CH", "CLINIQUE", "POLYCLINIQUE", "HP", "CABINET", "MSP", "GH", "CDS"])
        town = title_city(city[2])
        saint = rng.choice(["Saint-Vincent", "Sainte-Anne", "Saint-Joseph", "Saint-Luc", "Sainte-Marie",
                            "Saint-Augustin", "Saint-Hilaire", "Pasteur", "Jules Verne", "de l'Europe",
                            "des Cèdres", "du Parc", "Les Ormeaux", "de la Côte", "Ambroise Paré"])
        de = "d'" if town[0] in "AEIOUÉ" else "de "
        name, short = {
            "CHU": ("CENTRE HOSPITALIER UNIVERSITAIRE " + de.upper() + city[2], "CHU " + de + town),
            "CH": ("CENTRE HOSPITALIER " + de.upper() + city[2], "CH " + de + town),
            "CLINIQUE": ("CLINIQUE " + insi(saint), "Clinique " + saint),
            "POLYCLINIQUE": ("POLYCLINIQUE " + insi(saint), "Polyclinique " + saint),
            "HP": ("HÔPITAL PRIVÉ " + insi(saint), "Hôpital privé " + saint),
            "CABINET": ("CABINET MÉDICAL " + insi(saint), "Cabinet médical " + saint),
            "MSP": ("MAISON DE SANTÉ PLURIPROFESSIONNELLE " + insi(saint), "MSP " + saint),
            "GH": ("GROUPE HOSPITALIER " + insi(saint), "GH " + saint),
            "CDS": ("CENTRE DE SANTÉ " + insi(saint), "Centre de santé " + saint),
        }[kind]
        if name in self.hospitals:
            return self.hospitals[name]
        st = rng.choice(STREETS)
        finess_body = city[1][:2].replace("A", "0").replace("B", "0") + "0" + "%05d" % rng.randint(0, 99999)
        h = {"name": name, "short": short, "kind": kind, "city": city,
             "street": (str(rng.randint(1, 120)), st[0], st[1], st[2]),
             "phone": "%s %02d %02d %02d" % (city[3], rng.randint(0, 99), rng.randint(0, 99), rng.randint(0, 99)),
             "fax": "%s %02d %02d %02d" % (city[3], rng.randint(0, 99), rng.randint(0, 99), rng.randint(0, 99)),
             "finess": finess_body + luhn_digit(finess_body),
             "domain": insi(short).lower().replace(" ", "-").replace("'", "") + ".fr"}
        self.hospitals[name] = h
        return h

    def new_prof(self, rng, family=None, given=None, sex=None, spec=None, city=None, title="DR", hospital=None,
                 listed=True, street=None, mssante=None):
        sex = sex or rng.choice("MF")
        p = Prof(sex=sex, title=title, listed=listed)
        p.family = family or pick_surname(rng)
        p.given = given or rng.choice(GIVEN_F if sex == "F" else GIVEN_M)
        p.spec = SPEC[spec] if spec else (SPEC[GP] if rng.random() < 0.45 else rng.choice(SPECIALTIES))
        if hospital:
            p.site = hospital["name"]
            p.street = hospital["street"]
            city = hospital["city"]
            p.phone = hospital["phone"]
            p.salaried = True
            p.service = p.spec[3]
        else:
            city = city or rng.choice(CITIES)
            st = street or rng.choice(STREETS)
            p.street = (str(rng.randint(1, 99)) + rng.choice(["", "", "", "", " bis"]), st[0], st[1], st[2])
            p.site = "CABINET DU DR " + p.family
            p.phone = "%s %02d %02d %02d" % (city[3], rng.randint(0, 99), rng.randint(0, 99), rng.randint(0, 99))
        p.postcode, p.insee, p.city = city[0], city[1], city[2]
        p.rpps = self.new_rpps()
        if mssante is None:
            mssante = rng.random() < 0.5
        if mssante:
            dom = rng.choice(["medecin.mssante.fr", "pro.mssante.fr"]) if not hospital else \
                hospital["domain"].replace(".fr", ".mssante.fr")
            local = "%s.%s" % (key_name(p.given).lower().replace(" ", "-"),
                               key_name(p.family).lower().replace(" ", "-"))
            address, n = "%s@%s" % (local, dom), 1
            while address in self.mailboxes:  # namesakes: the second one gets a number, as MSSanté does
                n += 1
                address = "%s%d@%s" % (local, n, dom)
            self.mailboxes.add(address)
            p.mssante = address
        if listed:
            self.profs.append(p)
        return p

    def add_distractors(self, n):
        rng = self.rng
        for _ in range(n):
            if rng.random() < 0.12:
                code, label = rng.choice(OTHER_PROFESSIONS)
                p = self.new_prof(rng, title="")
                p.profession = (code, label)
                p.spec = None
            else:
                self.new_prof(rng, title="PR" if rng.random() < 0.03 else "DR")

    def write(self, out_dir):
        os.makedirs(out_dir, exist_ok=True)
        with open(os.path.join(out_dir, PA_FILE), "w", encoding="utf-8") as f:
            f.write(PA_HEADER + "\n")
            for p in self.profs:
                f.write(activity_line(p) + "\n")
        with open(os.path.join(out_dir, MSS_FILE), "w", encoding="utf-8") as f:
            f.write(MSS_HEADER + "\n")
            for p in self.profs:
                if p.mssante:
                    f.write(mailbox_line(p) + "\n")


def pick_surname(rng):
    return rng.choice(COMMON_SURNAMES) if rng.random() < 0.45 else rng.choice(SURNAMES)


# The extract layouts of tests/support/annuaire.h (Personne_activite, 56 columns; MSSanté, 31).
PA_HEADER = (
    "Type d'identifiant PP|Identifiant PP|Identification nationale PP|Code civilité d'exercice|Libellé civilité "
    "d'exercice|Code civilité|Libellé civilité|Nom d'exercice|Prénom d'exercice|Code profession|Libellé "
    "profession|Code catégorie professionnelle|Libellé catégorie professionnelle|Code type savoir-faire|Libellé type "
    "savoir-faire|Code savoir-faire|Libellé savoir-faire|Code mode exercice|Libellé mode exercice|Numéro SIRET "
    "site|Numéro SIREN site|Numéro FINESS site|Numéro FINESS établissement juridique|Identifiant technique de la "
    "structure|Raison sociale site|Enseigne commerciale site|Complément destinataire (coord. structure)|Complément "
    "point géographique (coord. structure)|Numéro Voie (coord. structure)|Indice répétition voie (coord. "
    "structure)|Code type de voie (coord. structure)|Libellé type de voie (coord. structure)|Libellé Voie (coord. "
    "structure)|Mention distribution (coord. structure)|Bureau cedex (coord. structure)|Code postal (coord. "
    "structure)|Code commune (coord. structure)|Libellé commune (coord. structure)|Code pays (coord. "
    "structure)|Libellé pays (coord. structure)|Téléphone (coord. structure)|Téléphone 2 (coord. structure)|Télécopie "
    "(coord. structure)|Adresse e-mail (coord. structure)|Code Département (structure)|Libellé Département "
    "(structure)|Ancien identifiant de la structure|Autorité d'enregistrement|Code secteur d'activité|Libellé secteur "
    "d'activité|Code section tableau pharmaciens|Libellé section tableau pharmaciens|"
    "Code rôle|Libellé rôle|Code genre activité|Libellé genre activité|")
MSS_HEADER = (
    "Type de BAL|Adresse BAL|Type Identifiant PP|Identifiant PP|Identification nationale PP|Type identifiant "
    "structure|Identification Structure|Service de rattachement|Civilité d'exercice|Nom d'exercice|Prénom "
    "d'exercice|Catégorie profession|Libellé de catégorie profession|Code Profession|Libellé Profession|Code "
    "savoir-faire|Libellé savoir-faire|Dématérialisation|Raison Sociale structure BAL|Enseigne commerciale structure "
    "BAL|L2COMPLEMENTLOCALISATION structure BAL|L3COMPLEMENTDISTRIBUTION structure BAL|L4NUMEROVOIE structure "
    "BAL|L4COMPLEMENTNUMEROVOIE structure BAL|NL4TYPEVOIE structure BAL|L4LIBELLEVOIE structure BAL|L5LIEUDITMENTION "
    "structure BAL|L6LIGNEACHEMINEMENT structure BAL|Code postal structure BAL|Département structure BAL|Pays "
    "structure BAL")


def activity_line(p):
    f = [""] * 56
    f[0], f[1], f[2] = "8", p.rpps, "8" + p.rpps
    if p.title:
        f[3], f[4] = p.title, "Professeur" if p.title == "PR" else "Docteur"
    f[5], f[6] = ("MME", "Madame") if p.sex == "F" else ("M", "Monsieur")
    f[7], f[8] = p.family, p.given
    f[9], f[10] = p.profession
    f[11], f[12] = "C", "Civil"
    if p.spec:
        f[13], f[14], f[15], f[16] = "S", "Spécialité ordinale", p.spec[0], p.spec[1]
    f[17], f[18] = ("S", "Salarié") if p.salaried else ("L", "Libéral")
    f[23] = "R" + p.rpps
    f[24] = p.site
    number, code, label, name = p.street
    f[28] = number.replace(" bis", "")
    f[29] = "B" if "bis" in number else ""
    f[30], f[31], f[32] = code, label.capitalize(), insi(name)
    f[35], f[36], f[37] = p.postcode, p.insee, p.city
    f[38], f[39] = "99000", "France"
    f[40] = p.phone.replace(" ", "")
    f[44] = p.postcode[:2]
    f[47] = "CNOM/CNOM/CNOM" if p.profession[0] == "10" else "ARS/ARS/ARS"
    f[48], f[49] = ("SA01", "Etablissement public de santé") if p.salaried else ("SA07", "Cabinet individuel")
    f[52], f[53] = ("FON-05", "Salarié") if p.salaried else ("FON-01", "Titulaire de cabinet")
    f[54], f[55] = "GENR01", "Activité standard de soin"
    return "|".join(f) + "|"


def mailbox_line(p):
    f = [""] * 31
    f[0], f[1] = "PER", p.mssante
    f[2], f[3], f[4] = "8", p.rpps, "8" + p.rpps
    f[9], f[10] = p.family, p.given
    f[27] = "%s %s" % (p.postcode, p.city)
    f[28], f[29], f[30] = p.postcode, p.postcode[:2], "France"
    return "|".join(f) + "|"


# ---------------------------------------------------------------------------------------------
# Patients


def make_patient(rng, child=False, sex=None, family=None):
    sex = sex or rng.choice("FM")
    birth = family or pick_surname(rng)
    year = rng.randint(2009, 2024) if child else rng.randint(1931, 2006)
    month = rng.randint(1, 12)
    day = rng.randint(1, [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1])
    used = None
    if not child and sex == "F" and rng.random() < 0.4:
        used = pick_surname(rng)
    elif not child and rng.random() < 0.04:
        used = birth + "-" + pick_surname(rng)
    if used == birth:
        used = None
    pool = GIVEN_F if sex == "F" else GIVEN_M
    firsts = [rng.choice(pool)]
    for _ in range(rng.choice([0, 0, 1, 1, 1, 2])):
        g = rng.choice(pool)
        if g not in firsts:
            firsts.append(g)
    r = rng.random()
    town, cog = rng.choice(BIRTH_PLACES) if r < 0.8 else rng.choice(FOREIGN_PLACES) if r < 0.95 else \
        rng.choice(DOM_PLACES)
    body = ("1" if sex == "M" else "2") + "%02d%02d" % (year % 100, month) + cog + "%03d" % rng.randint(1, 999)
    home_city = rng.choice(CITIES)
    st = rng.choice(STREETS)
    return {"birth_name": birth, "used_name": used, "first_names": firsts, "sex": sex,
            "birth_date": "%04d-%02d-%02d" % (year, month, day), "birth_town": town, "birth_place": cog,
            "ins": body + nir_key(body), "child": child,
            "home": ("%d %s %s" % (rng.randint(1, 60), st[1], st[2]), home_city[0], home_city[2])}


def age_on(iso, today=TODAY):
    y, m, d = (int(v) for v in iso.split("-"))
    return today[0] - y - ((today[1], today[2]) < (m, d))


def fr_date(iso, style="slash"):
    y, m, d = iso.split("-")
    if style == "slash":
        return "%s/%s/%s" % (d, m, y)
    if style == "dot":
        return "%s.%s.%s" % (d, m, y)
    if style == "dash":
        return "%s-%s-%s" % (d, m, y)
    if style == "short-slash":
        return "%s/%s/%s" % (d, m, y[2:])
    if style == "short-dash":
        return "%s-%s-%s" % (d, m, y[2:])
    day = "1er" if d == "01" else str(int(d))
    return "%s %s %s" % (day, MONTHS[int(m) - 1], y)  # "words"


def ins_format(m, style="grouped"):
    if style == "grouped":
        return " ".join([m[0], m[1:3], m[3:5], m[5:7], m[7:10], m[10:13], m[13:15]])
    if style == "dots":
        return ".".join([m[0], m[1:3], m[3:5], m[5:7], m[7:10], m[10:13], m[13:15]])
    if style == "key-sep":
        return m[:13] + " " + m[13:]
    if style == "cle":
        return m[:13] + " clé " + m[13:]
    if style == "grouped-key":
        return " ".join([m[0], m[1:3], m[3:5], m[5:7], m[7:10], m[10:13]]) + " - " + m[13:]
    return m  # plain


DATE_STYLES = ["slash"] * 6 + ["dot", "dash", "words", "words", "short-slash", "short-dash"]
INS_STYLES = ["grouped"] * 4 + ["plain"] * 3 + ["dots", "key-sep", "key-sep", "cle", "grouped-key"]
LABELS = {
    "birth_name": ["Nom de naissance"] * 4 + ["Nom de famille", "NOM", "Nom", "Nom de naiss."],
    "used_name": ["Nom utilisé"] * 3 + ["Nom d'usage", "Nom d'usage", "Nom d'épouse", "Nom marital", "Nom usuel"],
    "first_names": ["Prénom(s)", "Prénoms", "Prénoms", "Prénom", "Prénoms de naissance", "Liste des prénoms"],
    "first_name": ["Premier prénom", "Premier prénom", "Prénom"],
    "birth_date": ["Né(e) le", "Date de naissance", "Date de naissance", "DDN", "Date de naiss.", "@born"],
    "sex": ["Sexe"],
    "birth_place": ["Lieu de naissance", "Lieu de naissance", "Commune de naissance", "Lieu de naiss.",
                    "Code lieu de naissance", "Lieu de naissance (INSEE)"],
    "ins": ["Matricule INS", "Matricule INS", "INS", "N° INS", "INS-NIR", "Matricule INS (NIR)", "N° INS-NIR",
            "INS (NIR)"],
    "oid": ["OID", "OID", "OID INS", "Autorité d'affectation"],
}
# Labels that read well after their value ("LEROY (nom de naissance)").
LABELS_AFTER = {
    "birth_name": ["Nom de naissance", "Nom de naissance", "Nom de famille"],
    "used_name": ["Nom d'usage", "Nom utilisé", "Nom marital"],
    "first_names": ["Prénom(s)", "Prénoms"],
    "first_name": ["Premier prénom", "Prénom"],
    "birth_date": ["Date de naissance", "Date de naissance", "Date de naiss."],
    "sex": ["Sexe"],
    "birth_place": ["Lieu de naissance", "Commune de naissance", "Code lieu de naissance"],
    "ins": ["Matricule INS", "INS", "N° INS"],
    "oid": ["OID"],
}
SEX_STYLES = ["letter", "letter", "word", "word", "person"]


class Ident:
    """The patient as this letter prints them (a case may alter or drop a trait), with the
    formatting helpers every identity family shares. Families tell what they printed through
    `printed_firsts` and `uses`."""

    def __init__(self, printed, size, traps):
        self.sex = printed["sex"]
        self.birth = printed["birth_name"]
        self.used = printed["used_name"]
        self.firsts = printed["first_names"]
        self.iso = printed["birth_date"]
        self.place = printed["birth_place"]
        self.place_name = printed["birth_town"]
        self.abroad = (printed["birth_place"] or "").startswith("99")
        self.ins = printed["ins"]
        self.oid = printed.get("print_oid", False)
        self.child = printed.get("child", False)
        self.size = size
        self.insured = traps.get("insured")
        self.ipp = traps.get("ipp")
        self.nda = traps.get("nda")
        self.printed_firsts = None
        self.uses = set()
        self.date_style = None
        self.ins_style = None

    # Traits as text. `rng` picks a style when none is given.
    def date(self, rng, style=None):
        return fr_date(self.iso, style or self.pick_date_style(rng)).replace(" ", NBSP)

    def pick_date_style(self, rng):
        y = int(self.iso[:4])
        styles = DATE_STYLES if 1940 <= y <= 2005 else [s for s in DATE_STYLES if not s.startswith("short")]
        return rng.choice(styles)

    def ins_text(self, rng, style=None):
        return ins_format(self.ins, style or rng.choice(INS_STYLES)).replace(" ", NBSP)

    def oid_text(self, rng):
        return rng.choice(["OID %s", "OID : %s", "(OID %s)", "OID INS : %s"]) % TEST_OID

    def civ(self, rng, style=None):
        style = style or rng.choice(["short", "short", "long", "mr", "upper"])
        f = self.sex == "F"
        if self.child and f:
            return {"short": "Mlle", "long": "Mademoiselle", "mr": "Mlle", "upper": "MLLE"}[style]
        return {"short": "Mme" if f else "M.", "long": "Madame" if f else "Monsieur", "mr": "Mme" if f else "Mr",
                "upper": "MME" if f else "M."}[style]

    def born(self):
        return "née" if self.sex == "F" else "né"

    def born_label(self, rng):
        return rng.choice(["Né(e) le", "Né(e) le", "Née le" if self.sex == "F" else "Né le"])

    def sex_text(self, rng, style=None):
        f = self.sex == "F"
        style = style or rng.choice(SEX_STYLES)
        return {"letter": "F" if f else "M", "word": "Féminin" if f else "Masculin",
                "person": "Femme" if f else "Homme", "lower": "féminin" if f else "masculin"}[style]

    def place_text(self, rng, style=None):
        style = style or rng.choice(["code", "name-code", "name-code", "code-name", "code-upper"])
        name = self.place_name
        if style == "code":
            return self.place
        if style == "name-code":
            return "%s (%s)" % (name, self.place)
        if style == "code-upper":
            return "%s %s" % (self.place, insi(name))
        return "%s - %s" % (self.place, name)

    def first_names(self, rng, style=None):
        """All first names, or only the first; records what was printed."""
        style = style or rng.choice(["all", "all", "all", "all-comma", "first"])
        printed = self.firsts[:1] if style == "first" else list(self.firsts)
        if self.printed_firsts is None or len(printed) > len(self.printed_firsts):
            self.printed_firsts = printed
        return (", " if style == "all-comma" else " ").join(printed)

    def person(self, rng, order=None, with_used=None, firsts=None, civ=None):
        """A name as banners and sentences print it: 'Mme LECLERCQ née ROBIN Zoé', 'Zoé ROBIN'…"""
        order = order or rng.choice(["family-first", "family-first", "given-first"])
        given = firsts if firsts is not None else self.first_names(rng, rng.choice(["first", "first", "all"]))
        if self.used:
            style = with_used or rng.choice(["nee", "nee", "epouse", "paren-birth", "dit"])
            if style == "nee":
                fam = "%s %s %s" % (self.used, self.born(), self.birth)
            elif style == "epouse":
                fam = "%s %s %s" % (self.birth, "épouse" if self.sex == "F" else "époux", self.used)
            elif style == "paren-birth":
                fam = "%s (nom de naissance : %s)" % (self.used, self.birth)
            else:
                fam = "%s %s %s" % (self.birth, "dite" if self.sex == "F" else "dit", self.used)
        else:
            fam = self.birth
        if order == "family-first" and "(" not in fam:
            name = "%s %s" % (fam, given)
        elif "(" in fam:
            name = "%s %s" % (given, fam)
        else:
            name = "%s %s" % (given, fam)
        return ("%s %s" % (civ, name)) if civ else name

    def rows(self, rng, labels=None, born_label=None):
        """(field, label, value) of a labelled identity, in a usual order with some shuffles."""
        labels = labels or LABELS
        pick = lambda field: rng.choice(labels[field])  # noqa: E731
        rows = [("birth_name", pick("birth_name"), self.birth)]
        if self.used:
            rows.append(("used_name", pick("used_name"), self.used))
        if rng.random() < 0.25 and len(self.firsts) > 1:
            rows.append(("first_names", pick("first_name"), self.first_names(rng, "first")))
        else:
            rows.append(("first_names", pick("first_names"), self.first_names(rng, rng.choice(["all", "all-comma"]))))
        label = pick("birth_date")
        if label == "@born":
            label = born_label or self.born_label(rng)
        rows.append(("birth_date", label, self.date(rng)))
        rows.append(("sex", pick("sex"), self.sex_text(rng)))
        if self.place:
            rows.append(("birth_place", pick("birth_place"), self.place_text(rng)))
        if self.ins:
            rows.append(("ins", pick("ins"), self.ins_text(rng)))
            if self.oid:
                rows.append(("oid", pick("oid"), TEST_OID))
        r = rng.random()
        if r < 0.2:  # sex right after the names
            sex = [x for x in rows if x[0] == "sex"][0]
            rows.remove(sex)
            rows.insert(2 + bool(self.used), sex)
        elif r < 0.35 and self.ins:  # INS first
            ins = [x for x in rows if x[0] in ("ins", "oid")]
            rows = ins + [x for x in rows if x not in ins]
        return rows


# ---------------------------------------------------------------------------------------------
# Page layout: y is measured from the top of the page, baselines; every drawn element records its
# box so that the DataMatrix is placed where nothing else stands.


class Style:
    def __init__(self, font, size, lead, left, right, top_later=70, bottom=H - 78):
        self.font, self.size, self.lead = font, size, lead
        self.left, self.right = left, right
        self.top_later, self.bottom = top_later, bottom


class Doc:
    def __init__(self, c, style, total, rng):
        self.c, self.st, self.total, self.rng = c, style, total, rng
        self.page = 1
        self.y = 40
        self.left, self.right = style.left, style.right
        self.boxes = {1: []}
        self.page_start = []  # callables(doc) on pages 2..n
        self.page_end = []  # callables(doc) on every page, before it is shown
        self.marks = {}
        self._mark = None

    @property
    def size(self):
        return self.st.size

    def lead(self, size=None):
        return (size or self.st.size) * self.st.lead

    def fontname(self, bold=False, italic=False):
        regular, b, i = FONTS[self.st.font]
        return b if bold else i if italic else regular

    def sw(self, s, size=None, bold=False, italic=False):
        return pdfmetrics.stringWidth(s, self.fontname(bold, italic), size or self.st.size)

    def add_box(self, box):
        self.boxes[self.page].append(box)
        if self._mark is not None:
            self._mark.append(box)

    def text(self, x, y, s, size=None, bold=False, italic=False, gray=0.0, align="left"):
        size = size or self.st.size
        w = self.sw(s, size, bold, italic)
        if align == "right":
            x -= w
        elif align == "centre":
            x -= w / 2
        self.c.setFillGray(gray)
        self.c.setFont(self.fontname(bold, italic), size)
        self.c.drawString(x, H - y, s.replace(NBSP, " "))
        self.c.setFillGray(0)
        letter = getattr(self, "letter", None)
        if letter is not None:
            letter.drawn.append(s)
        box = (x, y - size * 0.8, x + w, y + size * 0.25)
        if CHECK_OVERLAP:
            self.check_overlap(box, s)
        self.add_box(box)
        return w

    def check_overlap(self, box, s):
        """Debugging aid (MISSIVE_CORPUS_CHECK_OVERLAP=1): text drawn over text, or off the page."""
        texts = self.__dict__.setdefault("texts", {}).setdefault(self.page, [])
        x0, y0, x1, y1 = box
        if x0 < 5 or x1 > W - 5:
            OVERLAPS.append("%s p%d off page: %r" % (getattr(self, "name", "?"), self.page, s))
        for b, t in texts:
            if b[0] < x1 - 1 and b[2] > x0 + 1 and b[1] < y1 - 1 and b[3] > y0 + 1:
                OVERLAPS.append("%s p%d: %r over %r" % (getattr(self, "name", "?"), self.page, s, t))
                break
        texts.append((box, s))

    def rect(self, x, y, w, h, lw=0.6, fill=None, stroke=True):
        """y is the top edge."""
        self.c.setLineWidth(lw)
        if fill is not None:
            self.c.setFillGray(fill)
        self.c.rect(x, H - y - h, w, h, stroke=1 if stroke else 0, fill=1 if fill is not None else 0)
        self.c.setFillGray(0)
        self.add_box((x, y, x + w, y + h))

    def hline(self, x0, x1, y, lw=0.5, gray=0.0):
        self.c.setLineWidth(lw)
        self.c.setStrokeGray(gray)
        self.c.line(x0, H - y, x1, H - y)
        self.c.setStrokeGray(0)
        self.add_box((x0, y - lw, x1, y + lw))

    def vline(self, x, y0, y1, lw=0.5):
        self.c.setLineWidth(lw)
        self.c.line(x, H - y0, x, H - y1)
        self.add_box((x - lw, y0, x + lw, y1))

    def wrap(self, s, width, size=None, bold=False, italic=False):
        lines, cur = [], ""
        for word in s.split(" "):
            trial = (cur + " " + word) if cur else word
            if cur and self.sw(trial, size, bold, italic) > width:
                lines.append(cur)
                cur = word
            else:
                cur = trial
        if cur:
            lines.append(cur)
        return lines

    def need(self, h):
        if self.y + h > self.st.bottom:
            self.new_page()

    def line(self, s, size=None, bold=False, italic=False, x=None, gray=0.0, lead=None, align="left"):
        size = size or self.st.size
        lead = lead or self.lead(size)
        self.need(lead)
        self.y += lead * 0.8
        if align == "right":
            self.text(self.right, self.y, s, size, bold, italic, gray, "right")
        elif align == "centre":
            self.text((self.left + self.right) / 2, self.y, s, size, bold, italic, gray, "centre")
        else:
            self.text(self.left if x is None else x, self.y, s, size, bold, italic, gray)
        self.y += lead * 0.2

    def para(self, s, size=None, bold=False, italic=False, x=None, right=None, after=None, keep=False):
        size = size or self.st.size
        x0 = self.left if x is None else x
        lines = self.wrap(s, (right or self.right) - x0, size, bold, italic)
        if keep:
            self.need(len(lines) * self.lead(size))
        for ln in lines:
            self.line(ln, size, bold, italic, x0)
        self.y += size * 0.55 if after is None else after

    def gap(self, h):
        self.y += h

    def new_page(self):
        self.end_page()
        self.c.showPage()
        self.page += 1
        self.boxes[self.page] = []
        self.y = self.st.top_later
        for cb in self.page_start:
            cb(self)

    def end_page(self):
        for cb in self.page_end:
            cb(self)

    def finish(self):
        self.end_page()
        self.c.showPage()

    def mark(self, name):
        """Start recording the boxes of a named block (e.g. the identity, for the DataMatrix)."""
        self._mark = []
        self.marks[name] = (self.page, self._mark)

    def unmark(self):
        self._mark = None

    def block_box(self, name):
        if name not in self.marks or not self.marks[name][1]:
            return None
        page, boxes = self.marks[name]
        return page, (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes),
                      max(b[3] for b in boxes))

    def free(self, box, margin=6):
        x0, y0, x1, y1 = box
        if x0 < 12 or y0 < 12 or x1 > W - 12 or y1 > H - 12:
            return False
        for b in self.boxes[self.page]:
            if b[0] < x1 + margin and b[2] > x0 - margin and b[1] < y1 + margin and b[3] > y0 - margin:
                return False
        return True


CHECK_OVERLAP = os.environ.get("MISSIVE_CORPUS_CHECK_OVERLAP") == "1"
OVERLAPS = []
DM_WRITER = os.environ.get("MISSIVE_DM_WRITER", "missive-test-datamatrix")
_DM_CACHE = {}


def dm_payload(p, oid=TEST_OID):
    firsts = insi(" ".join(p["first_names"]))
    birth = insi(p["birth_name"])
    d = p["birth_date"].split("-")
    out = "IS01" + "0" * 22 + "S1" + p["ins"] + "S2" + oid + (GS if len(oid) < 20 else "")
    out += "S3" + firsts + (GS if len(firsts) < 100 else "") + "S4" + birth + (GS if len(birth) < 100 else "")
    out += "S5" + p["sex"] + "S6" + "%s-%s-%s" % (d[2], d[1], d[0])
    if p.get("birth_place"):
        out += "S7" + p["birth_place"]
    return out


def dm_rows(payload):
    """The ECC200 modules, encoded by zxing-cpp's writer (tests/corpus/datamatrix_writer.cpp)."""
    if payload not in _DM_CACHE:
        _DM_CACHE[payload] = subprocess.run([DM_WRITER], input=payload.encode("ascii"), stdout=subprocess.PIPE,
                                            check=True).stdout.decode().split()
    return _DM_CACHE[payload]


def draw_datamatrix(doc, payload, x, top, size, caption):
    rows = dm_rows(payload)
    module = size / len(rows)
    c = doc.c
    c.setFillGray(0)
    for j, row in enumerate(rows):
        i = 0
        while i < len(row):  # runs of dark modules as one rectangle: smaller PDFs, same image
            if row[i] == "1":
                k = i
                while k < len(row) and row[k] == "1":
                    k += 1
                c.rect(x + i * module, H - top - (j + 1) * module, (k - i) * module, module, stroke=0, fill=1)
                i = k
            else:
                i += 1
    doc.add_box((x, top, x + size, top + size))
    if caption:
        doc.text(x, top + size + 7, "INS à scanner", 6)


# ---------------------------------------------------------------------------------------------
# Identity families (tuning). Each draws the patient at doc.y (or where its placement says) and
# leaves doc.y below what it drew. Placements: "flow" (after the title), "body" (opens the body,
# after the salutation), "top-right" (header area, opposite the letterhead), "band" (a band at the
# top of every page), "footer" (a line above the footer of every page).


def _label_value_lines(doc, I, rng, rows, x, sep, bold_label, bold_value, size):
    lead = doc.lead(size)
    for _, label, value in rows:
        doc.need(lead)
        doc.y += lead * 0.8
        w = doc.text(x, doc.y, label + sep, size, bold=bold_label)
        doc.text(x + w, doc.y, value, size, bold=bold_value)
        doc.y += lead * 0.2


def id_labelled_block(doc, I, rng):
    size = I.size
    rows = I.rows(rng)
    heading = rng.choice([None, None, None, "Patient", "PATIENT", "Identité du patient", "Patient(e) :"])
    x = doc.left + rng.choice([0, 0, 0, 15, 30])
    doc.need(doc.lead(size) * (len(rows) + 1) + 6)
    doc.mark("identity")
    if heading:
        doc.line(heading, size, bold=True, x=x)
    bold_label = rng.random() < 0.35
    _label_value_lines(doc, I, rng, rows, x, rng.choice([" : ", " : ", ": ", " :  "]), bold_label,
                       not bold_label and rng.random() < 0.5, size)
    doc.unmark()
    doc.gap(size)


def id_ruled_box(doc, I, rng):
    size = I.size
    rows = I.rows(rng)
    lead = doc.lead(size)
    title = rng.choice([None, "IDENTITÉ DU PATIENT", "Patient", "Identification patient (INS)"])
    x = doc.left + rng.choice([-4, 0, 0])
    width = max(doc.sw(label + " : " + value, size) for _, label, value in rows) + 16
    width = max(width, rng.uniform(260, 340))
    height = lead * (len(rows) + (1.3 if title else 0)) + 8
    doc.need(height + 10)
    top = doc.y
    doc.mark("identity")
    doc.rect(x, top, width, height, lw=rng.choice([0.5, 0.8, 1.0]))
    doc.y += 4
    if title:
        doc.c.setFillGray(0.85)
        doc.c.rect(x, H - top - lead * 1.3, width, lead * 1.3, stroke=0, fill=1)
        doc.c.setFillGray(0)
        doc.y += lead * 0.85
        doc.text(x + 6, doc.y, title, size, bold=True)
        doc.y += lead * 0.45
    _label_value_lines(doc, I, rng, rows, x + 7, " : ", False, rng.random() < 0.4, size)
    doc.unmark()
    doc.y = top + height + size


def id_banner_line(doc, I, rng):
    size = I.size
    f = I.sex == "F"
    prefix = rng.choice(["Patient :", "Patient(e) :", "Patiente :" if f else "Patient :", "Pour :", "Concerne :",
                         "Nom du patient :", "PATIENT :"])
    sep = rng.choice([" - ", " – ", ", ", "   "])
    name = I.person(rng, civ=I.civ(rng))
    born = rng.choice(["Né le" if not f else "Née le", "Né(e) le", I.born() + " le"])
    first = "%s %s%s%s %s" % (prefix, name, sep, born, I.date(rng))
    parts = []
    if I.ins:
        ins = rng.choice(["INS : %s (NIR)", "INS : %s", "Matricule INS : %s", "INS-NIR : %s", "N° INS : %s"])
        parts.append(ins % I.ins_text(rng))
    if I.place:
        parts.append(rng.choice(["Lieu de naissance : ", "Lieu de naiss. : ", "Né(e) à : "]) + I.place_text(rng))
    if rng.random() < 0.3:
        parts.insert(0, "Sexe : " + I.sex_text(rng))
    if I.ins and I.oid:
        parts.append(I.oid_text(rng))
    doc.need(doc.lead(size) * 3)
    doc.mark("identity")
    doc.para(first, size, bold=rng.random() < 0.5, after=0)
    if parts:
        doc.para("   ".join(parts), size, after=0)
    doc.unmark()
    doc.gap(size)


def _place_phrase(I, rng):
    if not I.place:
        return ""
    name = I.place_name if rng.random() < 0.6 else insi(I.place_name)
    if I.abroad:
        return rng.choice([" au %s (%s)" % (name, I.place) if name in ("Maroc", "Sénégal", "Portugal", "Cameroun",
                                                                      "Viêt Nam", "Royaume-Uni") else
                           " en %s (%s)" % (name, I.place), " à l'étranger (%s, %s)" % (name, I.place)])
    return " à %s (%s)" % (name, I.place)


def id_sentence_concerne(doc, I, rng):
    size = I.size
    f = I.sex == "F"
    start = rng.choice(["Concerne votre patiente" if f else "Concerne votre patient", "Concerne :",
                        "Au sujet de votre patiente" if f else "Au sujet de votre patient",
                        "Je vous adresse ce jour " + ("votre patiente" if f else "votre patient")])
    given = I.first_names(rng, rng.choice(["first", "first", "all"]))
    civ = I.civ(rng, rng.choice(["long", "long", "short"]))
    if I.used:
        name = rng.choice(["%s %s %s (nom de naissance : %s)" % (civ, given, I.used, I.birth),
                           "%s %s %s %s %s" % (civ, given, I.used, I.born(), I.birth),
                           "%s %s %s, %s %s" % (civ, I.used, given, I.born(), I.birth)])
    else:
        name = rng.choice(["%s %s %s" % (civ, given, I.birth), "%s %s %s" % (civ, I.birth, given)])
    s = "%s %s, %s le %s%s" % (start, name, I.born(), I.date(rng), _place_phrase(I, rng))
    if I.ins:
        s += ", %s %s" % (rng.choice(["INS", "INS", "matricule INS", "n° INS", "INS (NIR)"]), I.ins_text(rng))
        if I.oid:
            s += " (OID %s)" % TEST_OID
    s += "."
    doc.mark("identity")
    doc.para(s, size, keep=True)
    doc.unmark()


def id_grid_columns(doc, I, rng):
    size = I.size
    rows = I.rows(rng)
    lead = doc.lead(size) * rng.choice([1.0, 1.1, 1.25])
    x = doc.left + rng.choice([0, 0, 20])
    colon = rng.choice(["", "", ":", " :"])
    col = x + max(doc.sw(label + colon, size) for _, label, _ in rows) + rng.choice([12, 20, 35])
    bold_value = rng.random() < 0.6
    doc.need(lead * len(rows) + 6)
    doc.mark("identity")
    for _, label, value in rows:
        doc.y += lead * 0.8
        doc.text(x, doc.y, label + colon, size, gray=rng.choice([0, 0, 0.35]))
        doc.text(col, doc.y, value, size, bold=bold_value)
        doc.y += lead * 0.2
    doc.unmark()
    doc.gap(size)


def id_grid_label_above(doc, I, rng):
    size = I.size
    rows = [r for r in I.rows(rng) if r[0] != "oid"]
    small = max(6.5, size - 2.5)
    per_row = 3
    cell = (doc.right - doc.left) / per_row
    if any(doc.sw(v, size, bold=True) > cell - 8 for _, _, v in rows):
        per_row = 2
        cell = (doc.right - doc.left) / per_row
    nrows = (len(rows) + per_row - 1) // per_row
    step = small + size + 8
    doc.need(step * nrows + 10)
    doc.mark("identity")
    ruled = rng.random() < 0.5
    for r in range(nrows):
        top = doc.y
        for i, (_, label, value) in enumerate(rows[r * per_row:(r + 1) * per_row]):
            x = doc.left + i * cell
            doc.text(x + 3, top + small, label, small, gray=0.4)
            doc.text(x + 3, top + small + size + 3, value, size, bold=True)
            if ruled:
                doc.hline(x + 2, x + cell - 6, top + small + size + 6, 0.4, 0.5)
        doc.y = top + step
    if I.oid and I.ins:
        doc.line("OID : " + TEST_OID, small, gray=0.3)
    doc.unmark()
    doc.gap(size * 0.6)


def id_table_ruled(doc, I, rng):
    size = I.size
    rows = I.rows(rng)
    head = max(6.5, size - 1.5)
    width = doc.right - doc.left
    cols = [(label, value, max(doc.sw(label, head, bold=True), doc.sw(value, size)) + 10) for _, label, value in rows]
    tables, cur = [], []
    for col in cols:
        if cur and sum(c[2] for c in cur) + col[2] > width:
            tables.append(cur)
            cur = []
        cur.append(col)
    tables.append(cur)
    rh = doc.lead(size) + 4
    doc.need(len(tables) * (2 * rh + 6) + 6)
    doc.mark("identity")
    shade = rng.random() < 0.5
    for t in tables:
        extra = (width - sum(c[2] for c in t)) / len(t) if rng.random() < 0.6 else 0
        top = doc.y
        x = doc.left
        if shade:
            doc.c.setFillGray(0.88)
            doc.c.rect(doc.left, H - top - rh, sum(c[2] + extra for c in t), rh, stroke=0, fill=1)
            doc.c.setFillGray(0)
        for label, value, w in t:
            w += extra
            doc.rect(x, top, w, rh, lw=0.5)
            doc.rect(x, top + rh, w, rh, lw=0.5)
            doc.text(x + 4, top + rh - 5, label, head, bold=True)
            doc.text(x + 4, top + 2 * rh - 5, value, size)
            x += w
        doc.y = top + 2 * rh + 6
    doc.unmark()
    doc.gap(size * 0.6)


def id_heading_name(doc, I, rng):
    size = I.size
    civ = I.civ(rng, rng.choice(["long", "short", "upper"]))
    name = I.person(rng, order=rng.choice(["family-first", "given-first"]), civ=civ,
                    with_used=rng.choice(["nee", "epouse"]),
                    firsts=I.first_names(rng, rng.choice(["all", "first"])))
    doc.need(doc.lead(size) * 4)
    doc.mark("identity")
    doc.line(name, size + 1, bold=True)
    second = "%s le %s" % (I.born().capitalize(), I.date(rng))
    if I.place:
        second += _place_phrase(I, rng)
    if rng.random() < 0.5:
        second += rng.choice([" — Sexe : ", " - sexe ", ", sexe : "]) + I.sex_text(rng)
    doc.line(second, size)
    if I.ins:
        third = rng.choice(["INS : ", "Matricule INS : ", "INS-NIR : ", "N° INS : "]) + I.ins_text(rng)
        if I.oid:
            third += "   " + I.oid_text(rng)
        doc.line(third, size)
    doc.unmark()
    doc.gap(size)


def _barcode(doc, x, top, w, h, rng):
    """A decorative 1D code (as on admission labels); it encodes nothing."""
    xx = x
    while xx < x + w - 2:
        bw = rng.choice([0.6, 0.6, 1.2, 1.8])
        if rng.random() < 0.55:
            doc.c.rect(xx, H - top - h, bw, h, stroke=0, fill=1)
        xx += bw + rng.choice([0.6, 1.2])
    doc.add_box((x, top, x + w, top + h))


def id_sticker(doc, I, rng):
    size = max(7.5, min(I.size, 9))
    lead = doc.lead(size)
    lines = []
    name = I.person(rng, order="family-first", with_used=rng.choice(["nee", "epouse"]),
                    firsts=I.first_names(rng, rng.choice(["all", "first"])))
    lines.append((name, True))
    born = "%s %s" % (I.born_label(rng), I.date(rng, rng.choice(["slash", "slash", "dot", "short-slash"])
                                                   if 1940 <= int(I.iso[:4]) <= 2005 else "slash"))
    lines.append(("%s  (%d ans)  %s" % (born, age_on(I.iso), rng.choice(["Sexe : ", "Sexe ", ""]) + I.sex_text(
        rng, rng.choice(["letter", "word"]))), False))
    if I.ipp or I.nda:
        ids = []
        if I.ipp:
            ids.append(rng.choice(["IPP : ", "IPP ", "N° patient : "]) + I.ipp)
            I.uses.add("ipp")
        if I.nda:
            ids.append(rng.choice(["NDA : ", "Séjour : ", "N° venue : "]) + I.nda)
            I.uses.add("nda")
        lines.append(("   ".join(ids), False))
    if I.place:
        lines.append((rng.choice(["Lieu naiss. : ", "Lieu de naissance : ", "Né(e) à : "]) + I.place_text(rng), False))
    if I.ins:
        lines.append((rng.choice(["INS : ", "INS-NIR : ", "Matricule INS : "]) + I.ins_text(rng), False))
    width = max(doc.sw(t, size, bold=b) for t, b in lines) + 14
    bars = rng.random() < 0.4
    height = lead * len(lines) + 8 + (22 if bars else 0)
    x = doc.right - width if rng.random() < 0.6 else doc.left
    doc.need(height + 8)
    top = doc.y
    doc.mark("identity")
    doc.rect(x, top, width, height, lw=0.5)
    y = top + 3
    for t, b in lines:
        y += lead * 0.85
        doc.text(x + 6, y, t, size, bold=b)
        y += lead * 0.15
    if bars:
        _barcode(doc, x + 6, y + 4, min(120, width - 12), 16, rng)
    doc.unmark()
    doc.y = top + height + size


def id_semicolon_line(doc, I, rng):
    size = I.size
    sep = rng.choice([" ; ", " ; ", " / ", " - "])
    parts = ["%s %s" % (rng.choice(["Patient(e) :", "Patient :", "Identité :"]),
                        I.person(rng, order="family-first", with_used=rng.choice(["nee", "epouse", "paren-birth"])))]
    parts.append("%s %s" % (rng.choice(["né(e) le", "DDN :", "date de naissance :", I.born() + " le"]), I.date(rng)))
    parts.append(rng.choice(["sexe : ", "sexe ", "Sexe : "]) + I.sex_text(rng))
    if I.place:
        parts.append(rng.choice(["lieu de naissance : ", "lieu de naiss. ", "né(e) à "]) + I.place_text(rng))
    if I.ins:
        parts.append(rng.choice(["INS : ", "matricule INS : ", "INS-NIR "]) + I.ins_text(rng))
        if I.oid:
            parts.append("OID : " + TEST_OID)
    doc.mark("identity")
    doc.para(sep.join(parts), size, keep=True)
    doc.unmark()


def id_pipes_line(doc, I, rng):
    size = I.size
    parts = [I.person(rng, order="family-first", with_used=rng.choice(["nee", "epouse"]))]
    parts.append("%s %s" % (I.born_label(rng), I.date(rng)))
    parts.append("Sexe : " + I.sex_text(rng))
    if I.place:
        parts.append("Lieu de naissance : " + I.place_text(rng))
    if I.ins:
        parts.append(rng.choice(["INS : ", "Matricule INS : "]) + I.ins_text(rng))
    if I.ins and I.oid:
        parts.append("OID : " + TEST_OID)
    text = " | ".join(parts)
    lines = doc.wrap(text, doc.right - doc.left - 10, size)
    lead = doc.lead(size)
    doc.need(lead * len(lines) + 10)
    top = doc.y
    doc.mark("identity")
    if rng.random() < 0.6:
        doc.rect(doc.left, top, doc.right - doc.left, lead * len(lines) + 6, lw=0.3, fill=0.9,
                 stroke=rng.random() < 0.5)
    doc.y = top + 3
    for ln in lines:
        doc.y += lead * 0.8
        doc.text(doc.left + 5, doc.y, ln, size)
        doc.y += lead * 0.2
    doc.unmark()
    doc.y = top + lead * len(lines) + 6 + size


def id_dotted_leaders(doc, I, rng):
    size = I.size
    rows = I.rows(rng)
    x = doc.left + rng.choice([0, 10])
    col = x + max(doc.sw(label, size) for _, label, _ in rows) + rng.choice([30, 45, 60])
    lead = doc.lead(size) * 1.1
    doc.need(lead * len(rows) + 6)
    doc.mark("identity")
    dot = doc.sw(".", size)
    for _, label, value in rows:
        doc.y += lead * 0.8
        w = doc.text(x, doc.y, label + " ", size)
        n = int((col - 6 - x - w) / dot)
        doc.text(x + w, doc.y, "." * max(n, 3), size, gray=0.3)
        doc.text(col, doc.y, value, size, bold=True)
        doc.y += lead * 0.2
    doc.unmark()
    doc.gap(size)


def _compact_lines(I, rng, width_fn, width, size):
    """The identity on one or two lines (bands, footers, headers of later pages)."""
    parts = [rng.choice(["Patient : ", "Patient(e) : ", ""]) + I.person(
        rng, order="family-first", with_used=rng.choice(["nee", "epouse"]),
        firsts=I.first_names(rng, rng.choice(["all", "first"])))]
    parts.append("%s %s" % (I.born_label(rng), I.date(rng, "slash")))
    parts.append("Sexe : " + I.sex_text(rng, "letter"))
    if I.place:
        parts.append("Lieu de naissance : " + I.place_text(rng, rng.choice(["code", "name-code"])))
    if I.ins:
        parts.append(rng.choice(["INS : ", "Matricule INS : "]) + I.ins_text(rng, rng.choice(["grouped", "plain"])))
    sep = rng.choice([" - ", " — ", "  |  "])
    one = sep.join(parts)
    if width_fn(one, size) <= width:
        return [one]
    k = 3 if len(parts) > 3 else 2
    return [sep.join(parts[:k]), sep.join(parts[k:])]


def id_header_band(doc, I, rng):
    size = max(7.5, I.size - 1)
    lines = _compact_lines(I, rng, lambda s, z: doc.sw(s, z), W - 70, size)
    fill = rng.choice([0.88, 0.92, None])
    lead = doc.lead(size)

    def band(d):
        top = 16
        if d.page == 1:
            d.mark("identity")
        if fill is not None:
            d.rect(28, top, W - 56, lead * len(lines) + 6, lw=0.3, fill=fill, stroke=False)
        else:
            d.hline(28, W - 28, top + lead * len(lines) + 6, 0.6)
        y = top + 3
        for ln in lines:
            y += lead * 0.8
            d.text(34, y, ln, size)
            y += lead * 0.2
        d.unmark()

    band(doc)
    doc.page_start.append(band)


def id_footer_line(doc, I, rng):
    size = max(7, min(I.size - 1.5, 8.5))
    lines = _compact_lines(I, rng, lambda s, z: doc.sw(s, z), doc.right - doc.left, size)
    lead = doc.lead(size)

    def foot(d):
        y = H - 64 - lead * (len(lines) - 1)
        if d.page == 1:
            d.mark("identity")
        d.hline(d.left, d.right, y - size - 2, 0.3, 0.4)
        for ln in lines:
            d.text(d.left, y, ln, size)
            y += lead
        d.unmark()

    doc.page_end.insert(0, foot)


def id_top_right_header(doc, I, rng):
    size = max(8, I.size - 0.5)
    lead = doc.lead(size)
    y = rng.choice([42, 50, 58])
    lines = [(rng.choice(["Patient(e) :", "PATIENT", "Patient :"]), True)]
    lines.append((I.person(rng, order=rng.choice(["family-first", "given-first"]), civ=I.civ(rng),
                           with_used=rng.choice(["nee", "epouse"])), True))
    lines.append(("%s %s%s" % (I.born_label(rng), I.date(rng), rng.choice(["", " - " + I.sex_text(rng, "letter")])),
                  False))
    if I.place:
        lines.append(("Lieu de naissance : " + I.place_text(rng), False))
    if I.ins:
        lines.append(((rng.choice(["INS : ", "Matricule INS : "]) + I.ins_text(rng)), False))
        if I.oid:
            lines.append(("OID : " + TEST_OID, False))
    x = max(W / 2 + 5, min(rng.choice([320, 330, 340]), W - 30 - max(doc.sw(t, size, bold=b) for t, b in lines)))
    while x + max(doc.sw(t, size, bold=b) for t, b in lines) > W - 30 and size > 7:
        size -= 0.5
    lead = doc.lead(size)
    doc.mark("identity")
    for t, b in lines:
        y += lead
        doc.text(x, y, t, size, bold=b)
    doc.unmark()
    return y + size


def id_narrative(doc, I, rng, reason):
    size = doc.size
    f = I.sex == "F"
    given = I.first_names(rng, rng.choice(["first", "first", "all"]))
    civ = I.civ(rng, rng.choice(["long", "long", "short"]))
    fam = I.used if I.used else I.birth
    name = "%s %s %s" % (civ, given, fam)
    if I.used:
        name += rng.choice([", %s %s" % (I.born(), I.birth), " (nom de naissance %s)" % I.birth])
    start = rng.choice(["J'ai reçu en consultation le %s" % fr_date("2026-11-%02d" % rng.randint(2, 20), "words"),
                        "Je vous remercie de m'avoir adressé" + ("e" if f else ""),
                        "J'ai revu ce jour en consultation", "Nous avons pris en charge dans le service"])
    s = "%s %s, %s le %s%s" % (start, name, I.born(), I.date(rng), _place_phrase(I, rng))
    if I.ins:
        s += ", %s %s" % (rng.choice(["INS", "matricule INS", "INS n°"]), I.ins_text(rng))
    s += ", " + reason + "."
    doc.mark("identity")
    doc.para(s, size, keep=True)
    doc.unmark()


# Families added after the first bench: forms, pairs, labels after values, narrow sentences, shaded
# tables and abbreviated lines (written from common hospital printouts, not from the held-out ones).


def id_caption_under(doc, I, rng):
    """A form: each value over its small caption, two or three cells a row, sometimes underlined."""
    size = I.size
    rows = [r for r in I.rows(rng) if r[0] != "oid"]
    caption = max(6.0, size - rng.choice([2.5, 3, 3.5]))
    per_row = rng.choice([2, 3, 3])
    cell = (doc.right - doc.left) / per_row
    if any(doc.sw(v, size, bold=True) > cell - 8 for _, _, v in rows):
        per_row = 2
        cell = (doc.right - doc.left) / per_row
    upper = rng.random() < 0.4
    ruled = rng.random() < 0.6
    bold = rng.random() < 0.6
    nrows = (len(rows) + per_row - 1) // per_row
    step = size + caption + rng.choice([8, 10, 12])
    doc.need(step * nrows + 10)
    doc.mark("identity")
    for r in range(nrows):
        top = doc.y
        for i, (_, label, value) in enumerate(rows[r * per_row:(r + 1) * per_row]):
            x = doc.left + i * cell
            doc.text(x + 2, top + size, value, size, bold=bold)
            if ruled:
                doc.hline(x + 2, x + cell - 10, top + size + 2.5, 0.4, 0.3)
            doc.text(x + 2, top + size + caption + 3, label.upper() if upper else label, caption,
                     gray=rng.choice([0, 0.35, 0.45]))
        doc.y = top + step
    if I.oid and I.ins:
        doc.line("OID : " + TEST_OID, caption, gray=0.3)
    doc.unmark()
    doc.gap(size * 0.6)


def id_paired_rows(doc, I, rng):
    """Two 'label : value' pairs a line, the second at a tab stop."""
    size = I.size
    rows = I.rows(rng)
    sep = rng.choice([" : ", " : ", ": "])
    tab = doc.left + rng.choice([0.45, 0.5, 0.55]) * (doc.right - doc.left)
    if any(doc.sw(label + sep + value, size) > tab - doc.left - 10 for _, label, value in rows[0::2]):
        tab = doc.left + 0.6 * (doc.right - doc.left)
    lead = doc.lead(size)
    doc.need(lead * len(rows) + 6)  # at worst a line per pair
    doc.mark("identity")
    bold_value = rng.random() < 0.4
    for i in range(0, len(rows), 2):
        doc.y += lead * 0.8
        for j, x in ((i, doc.left), (i + 1, tab)):
            if j < len(rows):
                _, label, value = rows[j]
                if x == tab and x + doc.sw(label + sep + value, size, bold=bold_value) > doc.right:
                    doc.y += lead  # too long for the second column: on a line of its own
                    x = doc.left
                w = doc.text(x, doc.y, label + sep, size)
                doc.text(x + w, doc.y, value, size, bold=bold_value)
        doc.y += lead * 0.2
    doc.unmark()
    doc.gap(size)


def id_label_after(doc, I, rng):
    """Each value first, its label after it in parentheses or after a dash."""
    size = I.size
    rows = I.rows(rng, labels=LABELS_AFTER)
    style = rng.choice(["paren", "dash", "dash-em"])
    lead = doc.lead(size)
    doc.need(lead * len(rows) + 6)
    doc.mark("identity")
    for _, label, value in rows:
        label = label[0].lower() + label[1:] if rng.random() < 0.6 and not label.startswith("INS") else label
        text = "%s (%s)" % (value, label) if style == "paren" else "%s %s %s" % (value, "—" if style == "dash-em" else "-", label)
        doc.line(text, size)
    doc.unmark()
    doc.gap(size)


def id_narrow_sentence(doc, I, rng):
    """The patient in a sentence set in a narrow column, so that lines break inside the traits."""
    size = I.size
    f = I.sex == "F"
    start = rng.choice(["Je vous adresse " + ("votre patiente" if f else "votre patient"),
                        "Nous avons reçu en consultation", "J'ai revu ce jour", "Vous trouverez ci-joint le bilan de"])
    civ = I.civ(rng, rng.choice(["long", "short"]))
    given = I.first_names(rng, rng.choice(["first", "all"]))
    if I.used:
        name = "%s %s %s %s %s" % (civ, given, I.used, I.born(), I.birth)
    else:
        name = rng.choice(["%s %s %s" % (civ, given, I.birth), "%s %s %s" % (civ, I.birth, given)])
    sexe = rng.choice(["", "", ", de sexe %s" % I.sex_text(rng, "lower")])
    s = "%s %s%s, %s le %s%s" % (start, name, sexe, I.born(), I.date(rng), _place_phrase(I, rng))
    if I.ins:
        s += ", %s %s" % (rng.choice(["INS", "matricule INS", "n° INS"]), I.ins_text(rng))
    s += rng.choice([", pour suite de prise en charge.", ". Le bilan est joint.", "."])
    width = (doc.right - doc.left) * rng.uniform(0.42, 0.6)
    doc.mark("identity")
    doc.para(s, size, right=doc.left + width, keep=True)
    doc.unmark()


def id_shaded_rows(doc, I, rng):
    """A table without rules: a dark title band in white letters, grey label cells, rows shaded."""
    size = I.size
    rows = I.rows(rng)
    rh = doc.lead(size) + rng.choice([3, 4, 6])
    lw = max(doc.sw(label, size, bold=True) for _, label, _ in rows) + 14
    width = max(lw + max(doc.sw(v, size) for _, _, v in rows) + 20, rng.uniform(300, 380))
    title = rng.random() < 0.6
    doc.need(rh * (len(rows) + title) + 10)
    doc.mark("identity")
    top = doc.y
    if title:
        doc.c.setFillGray(rng.choice([0.2, 0.3, 0.4]))
        doc.c.rect(doc.left, H - top - rh, width, rh, stroke=0, fill=1)
        doc.c.setFillGray(1)
        doc.c.setFont(doc.fontname(True), size)
        doc.c.drawString(doc.left + 5, H - top - rh + 4, rng.choice(["IDENTITÉ DU PATIENT", "PATIENT", "Identification"]))
        doc.c.setFillGray(0)
        top += rh
    label_grey = rng.choice([0.72, 0.8, 0.85])
    for i, (_, label, value) in enumerate(rows):
        y = top + i * rh
        doc.c.setFillGray(0.9 if i % 2 == 0 else 0.96)
        doc.c.rect(doc.left, H - y - rh, width, rh, stroke=0, fill=1)
        doc.c.setFillGray(label_grey)
        doc.c.rect(doc.left, H - y - rh, lw, rh, stroke=0, fill=1)
        doc.c.setFillGray(0)
        doc.text(doc.left + 5, y + rh - 4, label, size - 0.5, bold=True)
        doc.text(doc.left + lw + 6, y + rh - 4, value, size)
    doc.y = top + rh * len(rows) + 4
    doc.unmark()
    doc.gap(size)


def id_abbrev_line(doc, I, rng):
    """One dense line of abbreviations: 'Pat. LEROY Marie, F, né(e) 14.03.1979, LN 51215, INS …'."""
    size = I.size
    name = I.person(rng, order="family-first", with_used=rng.choice(["nee", "epouse"]), firsts=None)
    sex = I.sex_text(rng, "letter")
    head = rng.choice(["Pat.", "Patient :", "Pat. :"])
    parts = ["%s %s" % (head, name), sex if rng.random() < 0.5 else "(%s)" % sex]
    parts.append("%s %s" % (rng.choice(["né(e)", "DDN", "né(e) le", I.born()]), I.date(rng, rng.choice(["dot", "slash"]))))
    if I.place:
        parts.append(rng.choice(["lieu naiss. ", "Lieu nais. ", "né(e) à "]) + I.place_text(rng, "code"))
    if I.ins:
        parts.append("INS " + I.ins_text(rng))
    joined = ", ".join(parts[:1]) + (" " if parts[1].startswith("(") else ", ") + ", ".join(parts[1:])
    doc.mark("identity")
    doc.para(joined, size, keep=True)
    doc.unmark()


def id_combined_labels(doc, I, rng):
    """Labels that share one colon: 'Sexe / Date de naissance : F / 14/03/1979', 'Date et lieu de
    naissance : 14/03/1979 à Reims (51215)', 'Identité : LEROY Marie, F, …'."""
    size = I.size
    lines = []
    names = "%s / %s" % (I.birth, I.used) if I.used else I.birth
    lines.append(("Nom de naissance / Nom utilisé : %s" if I.used else "Nom de naissance : %s") % names)
    lines.append("%s : %s" % (rng.choice(["Prénom(s)", "Prénoms"]), I.first_names(rng, "all")))
    style = rng.choice(["slash", "date-et-lieu", "bare"])
    if style == "slash":
        lines.append("Sexe / Date de naissance : %s / %s" % (I.sex_text(rng, "letter"), I.date(rng, "slash")))
        if I.place:
            lines.append("Lieu de naissance : " + I.place_text(rng))
    elif style == "date-et-lieu":
        lines.append("Sexe : " + I.sex_text(rng))
        if I.place:
            lines.append("Date et lieu de naissance : %s %s %s" % (I.date(rng), rng.choice(["à", "-"]),
                                                                    I.place_text(rng, "name-code")))
        else:
            lines.append("Date de naissance : " + I.date(rng))
    else:
        items = [I.sex_text(rng, "letter"), I.date(rng, "slash")] + ([I.place] if I.place else [])
        lines = ["Identité : %s %s, %s" % (I.birth, I.first_names(rng, "first"), ", ".join(items))]
        if I.used:
            lines.append("Nom utilisé : " + I.used)
    if I.ins:
        lines.append(rng.choice(["INS : ", "Matricule INS : "]) + I.ins_text(rng))
    doc.need(doc.lead(size) * (len(lines) + 1))
    doc.mark("identity")
    for ln in lines:
        doc.line(ln, size)
    doc.unmark()
    doc.gap(size)

IDENTITY_FAMILIES = {
    "labelled-block": (id_labelled_block, "flow"),
    "ruled-box": (id_ruled_box, "flow"),
    "banner-line": (id_banner_line, "flow"),
    "sentence-concerne": (id_sentence_concerne, "flow"),
    "grid-columns": (id_grid_columns, "flow"),
    "grid-label-above": (id_grid_label_above, "flow"),
    "table-ruled": (id_table_ruled, "flow"),
    "heading-name": (id_heading_name, "flow"),
    "sticker": (id_sticker, "flow"),
    "semicolon-line": (id_semicolon_line, "flow"),
    "pipes-line": (id_pipes_line, "flow"),
    "dotted-leaders": (id_dotted_leaders, "flow"),
    "header-band": (id_header_band, "band"),
    "footer-line": (id_footer_line, "footer"),
    "top-right-header": (id_top_right_header, "top-right"),
    "narrative": (id_narrative, "body"),
    "caption-under": (id_caption_under, "flow"),
    "paired-rows": (id_paired_rows, "flow"),
    "label-after": (id_label_after, "flow"),
    "narrow-sentence": (id_narrow_sentence, "flow"),
    "shaded-rows": (id_shaded_rows, "flow"),
    "abbrev-line": (id_abbrev_line, "flow"),
    "combined-labels": (id_combined_labels, "flow"),
}


# ---------------------------------------------------------------------------------------------
# Professionals as letters print them. Every printed recipient is recorded with what the letter
# tells about them (given name in full, as an initial or not at all; city; postcode): the truth's
# "auto" is computed from that against the whole directory once every letter is drawn.


def initials(given):
    return "-".join(part[0] + "." for part in given.split("-"))


NAME_FORMS = ["dr-given-family", "dr-given-family", "docteur-given-family", "docteur-family-given",
              "dr-family-given", "dr-initial", "docteur-given-family"]


def prof_name(p, rng, form=None):
    """(text, given form) of a professional's name: 'Docteur GAY Christophe', 'Dr P. MEYER'…"""
    form = form or rng.choice(NAME_FORMS)
    pr = p.title == "PR"
    short, long_ = ("Pr", "Professeur") if pr else ("Dr", "Docteur")
    fam, given = p.family, p.given
    if form == "dr-given-family":
        return "%s %s %s" % (short, given, fam), "full"
    if form == "docteur-given-family":
        return "%s %s %s" % (long_, given, fam), "full"
    if form == "docteur-family-given":
        return "%s %s %s" % (long_, fam, given), "full"
    if form == "dr-family-given":
        return "%s %s %s" % (short, fam, given), "full"
    if form == "dr-initial":
        return "%s %s %s" % (short, initials(given), fam), "initial"
    if form == "dr-family":
        return "%s %s" % (short, fam), "none"
    if form == "lower":
        return "%s %s %s" % (long_, given, cap_name(fam)), "full"
    if form == "mld":
        civ = "Madame" if p.sex == "F" else "Monsieur"
        return "%s le %s %s %s" % (civ, long_, given, fam), "full"
    if form == "dr-dot":
        return "Dr. %s %s" % (given, fam), "full"
    raise ValueError(form)


def city_text(p, rng, upper=None):
    upper = rng.random() < 0.7 if upper is None else upper
    return p.city if upper else title_city(p.city)


class Mentions:
    """What a letter prints about professionals, for the truth."""

    def __init__(self):
        self.items = []

    def add(self, p, role, printed, given_form, city=None, postcode=None):
        self.items.append({"prof": p, "role": role, "name": printed, "given_form": given_form, "city": city,
                           "postcode": postcode})


def address_lines(p, rng, name_form=None, specialty=None, site=None, place=True):
    """The lines of an address block and what they print of the place."""
    name, gf = prof_name(p, rng, name_form)
    lines = [name]
    if specialty if specialty is not None else (rng.random() < 0.6 and not p.salaried):
        lines.append(rng.choice(p.spec[2]) if p.spec else p.profession[1])
    if p.salaried and (site if site is not None else True):
        if rng.random() < 0.7:
            lines.append(service_of(p.service) if rng.random() < 0.5 else "Service " + p.service)
        lines.append(p.site.title().replace("De ", "de ").replace("D'", "d'") if rng.random() < 0.5 else p.site)
    city = postcode = None
    if place:
        lines.append(p.street_line())
        city = city_text(p, rng)
        postcode = p.postcode
        lines.append("%s %s" % (postcode, city))
    return lines, name, gf, city, postcode


def _window(doc, L, rng, x, lines, size=None, box=False, header=None):
    size = size or min(doc.size + rng.choice([0, 0, 0.5, 1]), 12)
    lead = doc.lead(size)

    def widest_at(sz):  # the first line may be bold
        return max(doc.sw(t, sz, bold=(i == 0)) for i, t in enumerate(lines)) + (20 if box else 0)

    widest = widest_at(size)
    if x > W / 2 and x + widest > W - 30:  # a long name: the block moves left, as a word processor would
        x = max(W / 2 - 40, W - 30 - widest)
    while x + widest > W - 30 and size > 7:
        size -= 0.5
        lead = doc.lead(size)
        widest = widest_at(size)
    y = max(rng.choice([140, 150, 158, 165]), getattr(doc, "header_bottom", 0) + 8)
    if box:
        w = max(doc.sw(t, size) for t in lines) + 20
        h = lead * (len(lines) + (1 if header else 0)) + 10
        doc.rect(x - 8, y - 4, max(w, 200), h, lw=0.6)
        if header:
            y += lead * 0.8
            doc.text(x, y, header, size - 1.5, bold=True, gray=0.3)
            y += lead * 0.2
    for i, t in enumerate(lines):
        y += lead * 0.8
        doc.text(x, y, t, size, bold=(i == 0 and rng.random() < 0.4))
        y += lead * 0.2
    return y + size


def ad_window(side):
    def draw(doc, L, rng):
        p = L.to
        lines, name, gf, city, pc = address_lines(p, rng, place=True)
        L.mentions.add(p, "to", name, gf, city, pc)
        x = rng.choice([315, 325, 335]) if side == "right" else rng.choice([55, 65, 75])
        return _window(doc, L, rng, x, lines)
    return draw


def ad_monsieur_le_docteur(doc, L, rng):
    p = L.to
    lines, name, gf, city, pc = address_lines(p, rng, name_form="mld", place=True)
    L.mentions.add(p, "to", name, gf, city, pc)
    return _window(doc, L, rng, rng.choice([315, 330]), lines)


def ad_attention(doc, L, rng):
    p = L.to
    form = rng.choice(["dr-initial", "dr-given-family", "mld", "dr-family-given"])
    name, gf = prof_name(p, rng, form)
    lead_in = rng.choice(["A l'attention du ", "À l'attention du ", "A l'attention de ", "A l'att. du "])
    if form == "mld":
        lead_in = lead_in.replace(" du ", " de ")
    elif lead_in.endswith(" de "):
        lead_in = lead_in[:-4] + " du "
    site = p.site if p.salaried else rng.choice(["Cabinet médical", "Cabinet médical des Tilleuls",
                                                  "Maison de santé du Parc", "Cabinet de " +
                                                  (p.spec[3].lower() if p.spec else "groupe"),
                                                  "Centre médical " + title_city(p.city)])
    city = city_text(p, rng)
    lines = [site, lead_in + name, p.street_line(), "%s %s" % (p.postcode, city)]
    if rng.random() < 0.5:
        lines = [lines[1], lines[0]] + lines[2:]
    L.mentions.add(p, "to", name, gf, city, p.postcode)
    return _window(doc, L, rng, rng.choice([315, 330]), lines)


def ad_salutation_only(doc, L, rng):
    p = L.to
    form = rng.choice(["dr-family", "dr-family", "given-family"])
    f = p.sex == "F"
    word = "Professeur" if p.title == "PR" else "Docteur"
    if form == "dr-family":
        text = "%s %s %s," % ("Chère" if f else "Cher", word, p.family)
        L.mentions.add(p, "to", "%s %s" % (word, p.family), "none")
    else:
        text = "%s %s %s %s," % ("Chère" if f else "Cher", word, p.given, p.family)
        L.mentions.add(p, "to", "%s %s %s" % (word, p.given, p.family), "full")
    L.salutation = text
    return None


def ad_destinataire_line(doc, L, rng):
    p = L.to
    name, gf = prof_name(p, rng)
    city = city_text(p, rng)
    spec = rng.choice(p.spec[2]).lower() if p.spec else p.profession[1].lower()
    text = "%s %s, %s, %s, %s %s" % (rng.choice(["Destinataire :", "Destinataire :", "Adressé à :", "À :"]), name,
                                     spec, p.street_line(), p.postcode, city)
    L.mentions.add(p, "to", name, gf, city, p.postcode)
    L.flow_addressee = text
    return None


def ad_pr_hospital(doc, L, rng):
    p = L.to
    form = rng.choice(["dr-family-given", "docteur-given-family", "docteur-family-given", "dr-given-family"])
    lines, name, gf, city, pc = address_lines(p, rng, name_form=form, specialty=False, site=True, place=True)
    L.mentions.add(p, "to", name, gf, city, pc)
    return _window(doc, L, rng, rng.choice([310, 320]), lines)


def ad_patient_window(doc, L, rng):
    I = L.ident
    civ = I.civ(rng, rng.choice(["long", "long", "short", "upper"]))
    fam = I.used or I.birth
    given = I.firsts[0]
    name = rng.choice(["%s %s %s" % (civ, given, fam), "%s %s %s" % (civ, fam, given)])
    if L.patient["child"]:
        name = rng.choice(["Aux parents " + de("%s %s" % (given, fam)), "%s %s %s" % (civ, fam, given)])
    street, pc, city = L.patient["home"]
    lines = [name, street, "%s %s" % (pc, city if rng.random() < 0.7 else title_city(city))]
    L.addressed_to_patient = True
    L.salutation = {"F": "Madame,", "M": "Monsieur,"}[I.sex] if not L.patient["child"] else "Madame, Monsieur,"
    return _window(doc, L, rng, rng.choice([315, 330]), lines)


def ad_none(doc, L, rng):
    return None


def ad_lowercase_name(doc, L, rng):
    p = L.to
    lines, name, gf, city, pc = address_lines(p, rng, name_form="lower", place=True)
    lines[-1] = "%s %s" % (p.postcode, title_city(p.city))
    L.mentions.add(p, "to", name, gf, title_city(p.city), pc)
    return _window(doc, L, rng, rng.choice([315, 330]), lines)


def ad_box_destinataire(doc, L, rng):
    p = L.to
    lines, name, gf, city, pc = address_lines(p, rng, place=True)
    L.mentions.add(p, "to", name, gf, city, pc)
    side = 60 if L.window_side == "left" else rng.choice([320, 330])
    return _window(doc, L, rng, side, lines, box=True,
                   header=rng.choice(["DESTINATAIRE", "Destinataire", "DESTINATAIRE :", "Adressé à"]))


# (draw, window: "right" | "left" | "none" | "flow", needs a professional addressee)
ADDRESSEE_FAMILIES = {
    "window-right": (ad_window("right"), "right", True),
    "window-left": (ad_window("left"), "left", True),
    "monsieur-le-docteur": (ad_monsieur_le_docteur, "right", True),
    "attention": (ad_attention, "right", True),
    "salutation-only": (ad_salutation_only, "none", True),
    "destinataire-line": (ad_destinataire_line, "flow", True),
    "pr-hospital": (ad_pr_hospital, "right", True),
    "patient-window": (ad_patient_window, "right", False),
    "none": (ad_none, "none", False),
    "lowercase-name": (ad_lowercase_name, "right", True),
    "box-destinataire": (ad_box_destinataire, "right", True),
}


def copy_entry(p, rng, force_place=False):
    """'Dr Paul DURAND (cardiologue, Brest)' and what it prints of the place."""
    name, gf = prof_name(p, rng, rng.choice(NAME_FORMS + ["dr-family"]) if not force_place else None)
    spec = rng.choice(p.spec[2]).lower() if p.spec else p.profession[1].lower()
    style = rng.choice(["paren", "comma", "dash", "bare", "full"])
    if force_place and style == "bare":
        style = "paren"
    city = city_text(p, rng, upper=rng.random() < 0.4)
    if style == "paren":
        return "%s (%s, %s)" % (name, spec, city), name, gf, city, None
    if style == "comma":
        return "%s, %s, %s" % (name, spec, city), name, gf, city, None
    if style == "dash":
        return "%s - %s" % (name, city), name, gf, city, None
    if style == "full":
        return "%s, %s, %s %s" % (name, p.street_line(), p.postcode, city), name, gf, city, p.postcode
    return name, name, gf, None, None


def _copy_patient_text(L, rng):
    f = L.ident.sex == "F"
    return rng.choice(["Copie au patient", "Copie : patient", "Copie remise au patient",
                       "Copie à la patiente" if f else "Copie au patient", "Un exemplaire remis au patient"])


def cp_inline(label_choices):
    def draw(doc, L, rng):
        entries = []
        for p in L.copies:
            text, name, gf, city, pc = copy_entry(p, rng, p.force_place)
            L.mentions.add(p, "cc", name, gf, city, pc)
            entries.append(text)
        if L.copy_patient:
            entries.append(rng.choice(["patient", "le patient", "patient(e)"]) if entries else None)
            entries = [e for e in entries if e]
        size = max(7.5, doc.size - rng.choice([0, 1, 1.5]))
        if entries:
            doc.para(rng.choice(label_choices) + " " + rng.choice([" ; ", "; ", " - ", ", "]).join(entries), size,
                     keep=True)
        elif L.copy_patient:
            doc.line(_copy_patient_text(L, rng), size)
    return draw


def cp_list(doc, L, rng):
    size = max(7.5, doc.size - rng.choice([0, 0.5, 1]))
    label = rng.choice(["Copies :", "Copie adressée à :", "Copie(s) :", "Copies à :", "COPIES"])
    bullet = rng.choice(["- ", "• ", "", "* "])
    lines = []
    for p in L.copies:
        text, name, gf, city, pc = copy_entry(p, rng, p.force_place)
        L.mentions.add(p, "cc", name, gf, city, pc)
        lines.append(bullet + text)
    if L.copy_patient:
        lines.append(bullet + rng.choice(["Patient", "Le patient", "Copie patient"]))
    if not lines:
        return
    doc.need(doc.lead(size) * (len(lines) + 1))
    doc.line(label, size, bold=rng.random() < 0.5)
    for t in lines:
        doc.para(t, size, x=doc.left + rng.choice([8, 12]), after=0)


def cp_destinataires(doc, L, rng):
    size = max(7.5, doc.size - rng.choice([0, 1]))
    label = rng.choice(["Destinataires :", "Diffusion :", "Destinataire(s) :"])
    # What the list says of each entry, as a reader takes it: under "Destinataires" an unmarked
    # entry is an addressee, unless another is marked "(destinataire)"; under "Diffusion" a copy.
    entries, drawn = [], []
    if L.to is not None:
        p = L.to
        text, name, gf, city, pc = copy_entry(p, rng, p.force_place)
        role_note = rng.choice(["", " (destinataire)", " (médecin traitant)" if p.spec and p.spec[0] == GP else ""])
        drawn.append((p, name, gf, city, pc, "to" if role_note == " (destinataire)" else None))
        entries.append(text + role_note)
    for p in L.copies:
        text, name, gf, city, pc = copy_entry(p, rng, p.force_place)
        note = rng.choice(["", "", " (copie)"])
        drawn.append((p, name, gf, city, pc, "cc" if note else None))
        entries.append(text + note)
    marked = any(r == "to" for *_, r in drawn)
    unmarked = "cc" if marked or label.startswith("Diffusion") else "to"
    for p, name, gf, city, pc, r in drawn:
        L.mentions.add(p, r or unmarked, name, gf, city, pc)
    if L.copy_patient:
        entries.append(rng.choice(["Patient", "le patient"]))
    if not entries:
        return
    if rng.random() < 0.5:
        doc.para(label + " " + " ; ".join(entries), size, keep=True)
    else:
        doc.need(doc.lead(size) * (len(entries) + 1))
        doc.line(label, size, bold=True)
        for e in entries:
            doc.para("- " + e, size, x=doc.left + 10, after=0)


def cp_footer_table(doc, L, rng):
    rows = []
    for p in L.copies:
        name, gf = prof_name(p, rng, rng.choice(["dr-family-given", "dr-given-family", "docteur-family-given"]))
        city = city_text(p, rng)
        L.mentions.add(p, "cc", name, gf, city, None)
        rows.append((name, rng.choice(p.spec[2]) if p.spec else p.profession[1], city))
    if L.copy_patient:
        rows.append(("Patient", "-", "-"))
    if not rows:
        return
    size = max(7, doc.size - 1.5)
    head = ("Copie à", "Qualité", "Ville")
    widths = [max(doc.sw(r[i], size) for r in rows + [head]) + 12 for i in range(3)]
    rh = doc.lead(size) + 3
    doc.need(rh * (len(rows) + 1) + 12)
    doc.gap(4)
    top = doc.y
    x0 = doc.left
    for j, r in enumerate([head] + rows):
        x = x0
        for i, cell in enumerate(r):
            doc.rect(x, top + j * rh, widths[i], rh, lw=0.4, fill=0.9 if j == 0 else None)
            doc.text(x + 4, top + j * rh + rh - 4, cell, size, bold=(j == 0))
            x += widths[i]
    doc.y = top + rh * (len(rows) + 1) + 6


def cp_none(doc, L, rng):
    if L.copy_patient:
        doc.line(_copy_patient_text(L, rng), max(7.5, doc.size - 1))


# (draw, needs copies, where: "end" after the signature, "top" before the title)
COPIES_FAMILIES = {
    "copie-a-inline": (cp_inline(["Copie à :", "Copie à :", "Copies à :", "Copie :"]), True, "end"),
    "cc-inline": (cp_inline(["Cc :", "CC :", "cc :", "Cc."]), True, "end"),
    "copies-list": (cp_list, True, "end"),
    "destinataires-list": (cp_destinataires, True, "end"),
    "footer-table": (cp_footer_table, True, "end"),
    "none": (cp_none, False, "end"),
}


# ---------------------------------------------------------------------------------------------
# Document types (JDV_J07 codes) and body text.
DOC_TYPES = [
    ("11490-0", ["LETTRE DE LIAISON", "Lettre de liaison à la sortie", "Lettre de liaison", "LETTRE DE SORTIE"], 14),
    ("34874-8", ["COMPTE RENDU OPÉRATOIRE", "Compte-rendu opératoire", "Compte rendu opératoire"], 8),
    ("57833-6", ["ORDONNANCE", "Ordonnance de sortie", "ORDONNANCE MÉDICAMENTEUSE"], 8),
    ("11488-4", ["COMPTE RENDU DE CONSULTATION", "Compte-rendu de consultation", "Consultation de suivi"], 14),
    ("34112-3", ["COMPTE RENDU D'HOSPITALISATION", "Compte rendu d'hospitalisation", "COMPTE-RENDU DE SÉJOUR"], 10),
    ("96349-6", ["LETTRE D'ADRESSAGE", "Lettre d'adressage", "Demande d'avis spécialisé"], 6),
    ("89601-9", ["CERTIFICAT MÉDICAL", "Certificat médical"], 5),
    ("18748-4", ["COMPTE RENDU D'IMAGERIE", "Compte rendu d'échographie abdominale", "COMPTE RENDU D'IRM CÉRÉBRALE",
                 "Compte rendu de scanner thoracique"], 7),
    ("15507-7", ["COMPTE RENDU DE PASSAGE AUX URGENCES", "CR de passage aux urgences", "Compte rendu des urgences"], 6),
    ("11502-2", ["COMPTE RENDU D'EXAMENS BIOLOGIQUES", "Compte rendu de biologie médicale"], 4),
    ("77436-4", ["COMPTE RENDU D'ANESTHÉSIE", "Compte rendu d'anesthésie"], 3),
    ("34749-2", ["CONSULTATION PRÉ-ANESTHÉSIQUE", "Compte rendu de consultation pré-anesthésique"], 3),
    ("18761-7", ["NOTE DE TRANSFERT", "Note de transfert"], 3),
    ("60591-5", ["SYNTHÈSE MÉDICALE", "Volet de synthèse médicale"], 3),
]

REASONS = ["pour un bilan de dyspnée d'effort", "pour le suivi de son insuffisance cardiaque",
           "pour des douleurs abdominales récidivantes", "pour la prise en charge d'une fracture du poignet",
           "pour un bilan de lombalgies chroniques", "pour un avis concernant une hypertension artérielle",
           "pour des céphalées inhabituelles", "pour le suivi d'un diabète de type 2",
           "pour une toux persistante depuis six semaines", "pour une éruption cutanée prurigineuse",
           "pour des palpitations", "dans les suites d'une chute à domicile"]

SECTIONS = [
    ("Motif", ["Bilan d'une dyspnée d'effort d'aggravation progressive.", "Douleurs abdominales récidivantes.",
               "Suivi d'une insuffisance cardiaque à fraction d'éjection altérée.",
               "Malaise avec perte de connaissance brève à domicile.", "Contrôle à trois mois d'une pneumopathie.",
               "Lombalgies chroniques invalidantes."]),
    ("Antécédents", ["Hypertension artérielle traitée depuis 2015.", "Dyslipidémie sous statine.",
                     "Appendicectomie dans l'enfance.", "Diabète de type 2 non insulinorequérant.",
                     "Pas d'allergie médicamenteuse connue.", "Fibrillation atriale paroxystique anticoagulée.",
                     "Cholécystectomie en 2009.", "Tabagisme sevré (20 paquets-années).",
                     "Syndrome d'apnées du sommeil appareillé."]),
    ("Histoire de la maladie", ["Apparition progressive depuis trois semaines d'une dyspnée d'effort, sans douleur "
                                "thoracique ni palpitations.", "Pas de fièvre, pas de perte de poids.",
                                "Majoration des œdèmes des membres inférieurs depuis dix jours.",
                                "Consultation aux urgences le 02/11/2026 pour le même motif.",
                                "Les symptômes cèdent partiellement sous paracétamol."]),
    ("Examen clinique", ["TA 135/82 mmHg, FC 72/min, SpO2 97 % en air ambiant, température 36,8 °C.",
                         "Auscultation cardio-pulmonaire sans particularité.", "Abdomen souple et indolore.",
                         "Pas d'œdème des membres inférieurs.", "Poids 74 kg pour 1,68 m (IMC 26,2).",
                         "Examen neurologique normal, pas de déficit sensitivo-moteur."]),
    ("Examens complémentaires", ["Hémoglobine 12,4 g/dL, plaquettes 245 G/L, leucocytes 7,8 G/L.",
                                 "Créatinine 84 µmol/L (DFG 78 mL/min/1,73 m²), kaliémie 4,1 mmol/L.",
                                 "CRP 12 mg/L, NT-proBNP 845 pg/mL.", "ECG : rythme sinusal régulier à 70/min, "
                                 "sans trouble de la repolarisation.", "Le scanner thoraco-abdomino-pelvien réalisé "
                                 "le 14/11/2026 ne retrouve pas d'anomalie significative.",
                                 "Échocardiographie : FEVG estimée à 45 %, pas de valvulopathie significative."]),
    ("Évolution", ["L'évolution a été favorable sous traitement, avec une amélioration clinique rapide.",
                   "L'apyrexie a été obtenue en 48 heures.", "Il n'a pas été noté d'effet indésirable.",
                   "La tolérance du traitement est bonne.", "Les suites ont été simples.",
                   "La mobilisation a été progressive avec l'aide du kinésithérapeute du service."]),
    ("Conclusion", ["Tableau compatible avec une décompensation modérée, favorablement résolutive.",
                    "Pas d'indication à une hospitalisation prolongée.", "Examen rassurant ce jour.",
                    "Le diagnostic retenu est celui d'une pneumopathie communautaire."]),
    ("Conduite à tenir", ["Surveillance clinique et biologique à un mois, avec un contrôle de la fonction rénale.",
                          "Le traitement habituel est poursuivi sans modification de posologie.",
                          "Une échographie de contrôle sera programmée dans les trois mois.",
                          "Rendez-vous de contrôle le 15/12/2026 à 10 h 30 en consultation externe, bâtiment B.",
                          "Une kinésithérapie est prescrite, deux séances par semaine pendant six semaines.",
                          "En cas de fièvre ou d'aggravation de la dyspnée, consulter en urgence ou appeler le 15.",
                          "Informations données au patient et à sa famille, qui ont compris la prise en charge."]),
]
GENERIC = [t for _, ts in SECTIONS for t in ts]
TREATMENT = ["Bisoprolol 2,5 mg : 1 comprimé le matin", "Ramipril 5 mg : 1 comprimé le soir",
             "Atorvastatine 20 mg : 1 comprimé le soir", "Metformine 1000 mg : 1 comprimé matin et soir",
             "Paracétamol 1 g : 1 comprimé toutes les 6 heures si douleur, maximum 4 par jour",
             "Amoxicilline 1 g : 1 comprimé matin, midi et soir pendant 7 jours",
             "Oméprazole 20 mg : 1 gélule le matin à jeun pendant 1 mois",
             "Furosémide 40 mg : 1 comprimé le matin", "Apixaban 5 mg : 1 comprimé matin et soir",
             "Lévothyroxine 75 µg : 1 comprimé le matin à jeun", "Enoxaparine 4000 UI : 1 injection sous-cutanée "
             "par jour pendant 10 jours"]
TYPE_BODY = {
    "34874-8": ["Indication : cholécystite lithiasique. Intervention réalisée sous anesthésie générale.",
                "Installation en décubitus dorsal. Open-cœlioscopie ombilicale, mise en place de trois trocarts. "
                "Dissection du triangle de Calot, clipage et section du canal et de l'artère cystiques.",
                "Cholécystectomie rétrograde, hémostase soigneuse, extraction de la pièce en sac. Fermeture "
                "aponévrotique et cutanée. Pas d'incident per-opératoire.",
                "Pièce adressée en anatomopathologie. Durée opératoire : 55 minutes."],
    "18748-4": ["Technique : examen réalisé sans injection de produit de contraste, coupes axiales et reconstructions.",
                "Résultats : foie de taille normale, d'échostructure homogène. Voies biliaires non dilatées. "
                "Vésicule alithiasique. Reins de taille normale sans dilatation des cavités.",
                "Conclusion : examen dans les limites de la normale. Pas de lésion focale décelée."],
    "15507-7": ["Heure d'arrivée : 14 h 32. Mode d'arrivée : véhicule personnel. Motif : douleur thoracique.",
                "Prise en charge : ECG, troponines à H0 et H3 négatives, radiographie thoracique normale.",
                "Diagnostic retenu : douleur thoracique pariétale. Orientation : retour à domicile à 19 h 10."],
    "11502-2": ["Hématologie : hémoglobine 13,1 g/dL ; VGM 89 fL ; leucocytes 6,2 G/L ; plaquettes 301 G/L.",
                "Biochimie : sodium 139 mmol/L ; potassium 4,3 mmol/L ; créatinine 77 µmol/L ; glycémie à jeun "
                "5,4 mmol/L ; HbA1c 6,1 %.", "Bilan lipidique : cholestérol total 5,2 mmol/L ; LDL 3,1 mmol/L."],
    "77436-4": ["Anesthésie générale avec intubation orotrachéale. Induction : propofol, sufentanil, rocuronium.",
                "Entretien au sévoflurane. Stabilité hémodynamique. Réveil calme en salle de surveillance "
                "post-interventionnelle."],
    "34749-2": ["Score ASA 2. Classe de Mallampati 1. Ouverture de bouche normale. Pas d'antécédent anesthésique "
                "notable.", "Consignes de jeûne : 6 heures pour les solides, 2 heures pour les liquides clairs."],
}


def body_paragraphs(code, rng, patient_label):
    """An endless supply of (heading or None, paragraph) for this document type."""
    for p in TYPE_BODY.get(code, []):
        yield None, p
    heading_style = rng.choice(["inline", "inline", "caps", "bold", "none"])
    first = True
    while True:
        if not first:  # long letters: running paragraphs after the sections
            yield None, " ".join(rng.sample(GENERIC, rng.randint(3, 5)))
            continue
        first = False
        for title, sentences in SECTIONS:
            if rng.random() < 0.25:
                continue
            text = " ".join(rng.sample(sentences, min(len(sentences), rng.randint(1, 3))))
            if rng.random() < 0.3:
                text = text.replace("le patient", patient_label).replace("au patient", "à " + patient_label)
            if heading_style == "inline":
                yield None, "%s : %s" % (title, text)
            elif heading_style == "none":
                yield None, text
            else:
                yield (title.upper() if heading_style == "caps" else title), text


# ---------------------------------------------------------------------------------------------
# Letter furniture: letterhead, side column, headers and footers, title, signature.


def phone_text(number, rng):
    style = rng.choice(["space", "space", "dot", "plain", "intl"])
    if style == "dot":
        return number.replace(" ", ".")
    if style == "plain":
        return number.replace(" ", "")
    if style == "intl":
        return "+33 " + number[1:]
    return number


def draw_letterhead(doc, L, rng, y0, style):
    h, a = L.hospital, L.author
    size = doc.size
    lines = []  # (text, size, bold)
    name_size = min(size + rng.choice([1, 2, 3]), 14)
    x_limit = 270
    if style == "centred":
        x_limit = 420
    for part in doc.wrap(h["name"] if rng.random() < 0.7 else h["short"], x_limit, name_size, bold=True):
        lines.append((part, name_size, True))
    if h["kind"] not in ("CABINET", "MSP", "CDS"):
        lines.append((rng.choice(["Service ", "Pôle ", "Département ", "Unité "]) + de(lower_service(a.service))
                      if rng.random() < 0.6 else "Service " + a.service.upper(), size - 0.5, False))
    if L.letterhead_author:
        lines.append((rng.choice(["%s %s %s", "%s %s %s"]) % ("Pr" if a.title == "PR" else "Dr", a.given, a.family),
                      size - 0.5, True))
        if L.letterhead_rpps:
            lines.append((rng.choice(["RPPS %s", "N° RPPS : %s", "RPPS : %s"]) % a.rpps, size - 1.5, False))
    street = "%s %s %s" % (h["street"][0], h["street"][2], h["street"][3])
    addr_size = max(7, size - 1.5)
    lines.append((street, addr_size, False))
    lines.append(("%s %s" % (h["city"][0], h["city"][2]), addr_size, False))
    if rng.random() < 0.85:
        lines.append(("Tél. %s" % phone_text(h["phone"], rng) + (
            "  -  Fax %s" % phone_text(h["fax"], rng) if L.fax_in_head else ""), addr_size, False))
    if L.finess_in_head:
        lines.append(("FINESS %s" % h["finess"] if rng.random() < 0.5 else "N° FINESS : %s" % h["finess"],
                      addr_size, False))
    if rng.random() < 0.3:
        lines.append(("secretariat.%s@%s" % (a.service.split()[0].lower().replace("é", "e"), h["domain"]),
                      addr_size, False))
    y = y0
    if style == "logo-left":
        # A drawn logo: a framed square with the establishment's initials.
        side = rng.choice([34, 40, 46])
        doc.rect(doc.st.left if doc.st.left < 100 else 45, y0 - 8, side, side, lw=1.2)
        initials_ = "".join(w[0] for w in insi(h["short"]).split()[:3])
        doc.text((doc.st.left if doc.st.left < 100 else 45) + side / 2, y0 + side / 2, initials_, 10, bold=True,
                 align="centre")
        x = (doc.st.left if doc.st.left < 100 else 45) + side + 12
    elif style == "right-block":
        x = rng.choice([320, 335])
    elif style == "centred":
        x = None
    else:
        x = 40 if doc.st.left > 100 else doc.st.left
    # Every line stays in its column (left blocks never reach the address window).
    width = 420 if x is None else (W / 2 - 15 - x if x < W / 2 else W - 35 - x)
    for text, sz, bold in lines:
        for part in doc.wrap(text, width, sz, bold):
            y += sz * 1.25
            psz = sz
            # Held-out letters only (the tuning ones keep their bytes): a word wider than the
            # column (an e-mail address) is set smaller rather than run off the page.
            while getattr(L, "split", None) == "heldout" and psz > 5 and doc.sw(part, psz, bold) > width:
                psz -= 0.25
            if x is None:
                doc.text(W / 2, y, part, psz, bold=bold, align="centre")
            else:
                doc.text(x, y, part, psz, bold=bold)
    if rng.random() < 0.35:
        doc.hline(40, W - 40, y + 6, 0.8)
        y += 6
    return y + 4


def draw_side_column(doc, L, rng, top):
    size = rng.choice([6.5, 7, 7.5])
    x = 30
    lead = size * 1.3
    y = top
    h = L.hospital
    entries = []
    chief = L.side_doctors[0]
    entries.append((rng.choice(["Chef de service", "Chef de Service", "Responsable"]), True))
    entries.append((prof_name(chief, rng, rng.choice(["dr-given-family", "dr-family-given"]))[0], False))
    entries.append(("", False))
    entries.append((rng.choice(["Praticiens hospitaliers", "Médecins", "Praticiens"]), True))
    show_rpps = L.side_rpps
    for p in L.side_doctors[1:]:
        entries.append((prof_name(p, rng, rng.choice(["dr-given-family", "dr-family-given"]))[0], False))
        if show_rpps:
            entries.append(("RPPS " + p.rpps, False))
    entries.append(("", False))
    entries.append(("Secrétariat", True))
    entries.append(("Tél. " + phone_text(h["phone"], rng), False))
    entries.append(("Fax " + phone_text(h["fax"], rng), False))
    if rng.random() < 0.5:
        entries.append(("", False))
        entries.append(("Cadre de santé", True))
        entries.append(("Mme %s %s" % (rng.choice(GIVEN_F), pick_surname(rng)), False))
    for text, bold in entries:
        y += lead
        if text:
            for part in doc.wrap(text, 125, size, bold):
                doc.text(x, y, part, size, bold=bold)
                if part != text:
                    y += lead
    doc.vline(152, top, y + 10, 0.4)


def footer_callback(L, style, rng):
    h = L.hospital
    street = "%s %s %s" % (h["street"][0], h["street"][2], h["street"][3])
    line1 = "%s - %s - %s %s - Tél. %s" % (h["short"], street, h["city"][0], h["city"][2], h["phone"])
    line2 = "FINESS %s - Fax %s" % (h["finess"], h["fax"])
    page_fmt = rng.choice(["Page %d/%d", "Page %d sur %d", "%d/%d", "- %d -"])

    def page_text(d):
        return page_fmt % ((d.page, d.total or 9) if page_fmt.count("%d") == 2 else (d.page,))

    def foot(d):
        size = 7
        if style == "full":
            d.hline(40, W - 40, H - 50, 0.4, 0.3)
            d.text(W / 2, H - 40, line1, size, align="centre")
            d.text(W / 2, H - 31, line2, size, align="centre")
            d.text(W - 40, H - 20, page_text(d), size, align="right")
        elif style == "address-page":
            d.text(40, H - 32, line1, size)
            d.text(W - 40, H - 32, page_text(d), size, align="right")
        elif style == "page-only":
            d.text(W / 2, H - 30, page_text(d), 8, align="centre")
    return foot


def later_header_callback(L, I, rng):
    h, a = L.hospital, L.author
    lines = []

    def head(d):
        size = 7.5
        if L.repeat_identity and not lines:  # computed on the first later page only
            lines.extend(_compact_lines(I, rng, lambda s, z: d.sw(s, z), W - 100, size))
        y = 30 if L.id_place != "band" else 62
        d.text(d.left if d.left < 100 else 45, y, "%s - %s" % (h["short"], a.service), size, italic=True)
        y += 10
        for ln in lines:
            d.text(d.left if d.left < 100 else 45, y, ln, size)
            y += 10
        d.hline(40, W - 40, y - 4, 0.4)
    return head


def dm_candidates(d, pos, s):
    if pos == "top-right":
        return [(W - m - s, y) for y in (22, 30, 40, 52, 64) for m in (30, 42, 60, 90)]
    if pos == "top-left":
        return [(m, y) for y in (22, 30, 40, 52, 64) for m in (30, 40, 55)]
    if pos == "beside-identity":
        bb = d.block_box("identity")
        if not bb or bb[0] != d.page:
            return []
        x0, y0, x1, y1 = bb[1]
        return [(x1 + 18, y0), (x1 + 30, y0 - 4), (x1 + 18, y0 + 8), (x0 - s - 18, y0)]
    if pos == "footer-right":
        return [(W - m - s, H - 30 - s - 12 - k * 8) for k in range(6) for m in (35, 55)]
    if pos == "footer-left":
        return [(m, H - 30 - s - 12 - k * 8) for k in range(6) for m in (30, 45)]
    for module in TUNING_MODULES + (heldout_layouts,):
        found = module.dm_candidates(d, pos, s, W, H)
        if found:
            return found
    return []


DM_POSITIONS = ["top-right", "top-right", "top-left", "beside-identity", "footer-right", "footer-left"]


def dm_callback(L):
    def place(d):
        if d.page > 1 and not L.dm_every_page:
            return
        s = L.dm_mm * 72 / 25.4
        order = [L.dm_pos] + [p for p in ("top-right", "top-left", "footer-right", "footer-left",
                                          "beside-identity") if p != L.dm_pos]
        for pos in order:
            for x, y in dm_candidates(d, pos, s):
                if d.free((x, y, x + s, y + s + (9 if L.dm_caption else 0)), margin=max(5, s / 9)):
                    draw_datamatrix(d, L.dm_payload, x, y, s, L.dm_caption)
                    L.dm_pages.append(d.page)
                    if d.page == 1:
                        L.dm_box = [round(v, 1) for v in (x, y, x + s, y + s)]
                    return
    return place


def signature(doc, L, rng):
    a = L.author
    size = doc.size
    x = rng.choice([doc.left, 320, 330]) if doc.left < 100 else rng.choice([doc.left, 340])
    name, _ = prof_name(a, rng, rng.choice(["dr-given-family", "dr-given-family", "docteur-given-family",
                                            "dr-family-given"]))
    lines = [(name, True)]
    lines.append((rng.choice(["Praticien hospitalier", "Chef de service", "Médecin", "Praticien attaché",
                              "Chef de clinique"]) if a.salaried else rng.choice(a.spec[2]), False))
    if rng.random() < 0.5:
        lines.append((service_of(a.service), False))
    if L.signature_rpps:
        lines.append(("RPPS : " + a.rpps, False))
    if rng.random() < 0.3:
        lines.append(("Signé électroniquement", False))
    doc.need(doc.lead(size) * (len(lines) + 2))
    doc.gap(size)
    L.sig = (doc.page, doc.y, x)
    for text, bold in lines:
        doc.line(text, size - (0 if bold else 0.5), bold=bold, x=x)
    doc.gap(size)


def title_block(doc, L, rng, placement):
    size = doc.size
    t = L.title
    if placement == "heading":
        doc.gap(size * 0.5)
        doc.line(t.upper() if rng.random() < 0.4 else t, min(size + rng.choice([2, 3, 4]), 15), bold=True,
                 align="centre")
        doc.gap(size * 0.6)
    elif placement == "objet":
        doc.line("%s %s" % (rng.choice(["Objet :", "Objet :", "OBJET :", "Réf. :"]), t), size, bold=rng.random() < 0.6)
        doc.gap(size * 0.5)
    elif placement == "box":
        tsize = min(size + 2, 14)
        h = tsize * 2.2
        doc.need(h + 10)
        top = doc.y
        doc.rect(doc.left, top, doc.right - doc.left, h, lw=1.0, fill=rng.choice([None, 0.92]))
        doc.text((doc.left + doc.right) / 2, top + h * 0.66, t.upper(), tsize, bold=True, align="centre")
        doc.y = top + h + size
    else:  # left heading, underlined
        doc.line(t, size + 1.5, bold=True)
        doc.hline(doc.left, doc.left + doc.sw(t, size + 1.5, bold=True), doc.y - 1, 0.6)
        doc.gap(size * 0.5)


def generic_trap_lines(doc, L, I, rng):
    """Numbers that are not the patient's INS, near the identity when the family left them out."""
    size = max(7.5, doc.size - 0.5)
    ids = []
    if I.ipp and "ipp" not in I.uses:
        ids.append(rng.choice(["IPP : ", "N° IPP : ", "Dossier n° ", "N° patient : "]) + I.ipp)
    if I.nda and "nda" not in I.uses:
        ids.append(rng.choice(["N° de séjour : ", "NDA : ", "N° venue : ", "Séjour n° "]) + I.nda)
    if ids:
        doc.line("    ".join(ids), size)
    if I.insured:
        ins = I.insured
        label = rng.choice(["Assuré(e) ouvrant droit : ", "Assuré ouvrant droit : ", "Ouvrant droit : ",
                            "Assuré(e) : "])
        num_label = rng.choice(["N° SS : ", "N° d'immatriculation : ", "NIR : ", "N° de sécurité sociale : "])
        num = ins_format(ins["nir"], rng.choice(["grouped", "plain", "key-sep"])).replace(" ", NBSP)
        who = "%s %s %s" % (ins["civ"], ins["family"], ins["given"])
        if rng.random() < 0.5:
            doc.para(label + who + " - " + num_label + num, size, after=0)
        else:
            doc.line(label + who, size)
            doc.line(num_label + num, size)
        if rng.random() < 0.4:
            doc.line("Régime : général - Caisse : CPAM %s" % title_city(L.hospital["city"][2]), size)
    doc.gap(size * 0.5)


# ---------------------------------------------------------------------------------------------
# A letter: every choice is made in build_letter (main generator), the drawing itself draws from
# its own seed so that it can be repeated (two passes for "page x/y", the mixed variant).


class Families:
    def __init__(self, split):
        if split == "heldout":
            self.identity = heldout_layouts.IDENTITY_FAMILIES
            self.addressee = heldout_layouts.ADDRESSEE_FAMILIES
            self.copies = heldout_layouts.COPIES_FAMILIES
            self.fonts = [f for f in heldout_layouts.fonts(register_ttf_family) if f in FONTS] or TUNING_FONTS
            self.dm_positions = heldout_layouts.DM_POSITIONS
        else:
            self.identity = dict(IDENTITY_FAMILIES)
            self.addressee = dict(ADDRESSEE_FAMILIES)
            self.copies = dict(COPIES_FAMILIES)
            self.fonts = list(TUNING_FONTS)
            self.dm_positions = list(DM_POSITIONS)
            for module in TUNING_MODULES:
                self.identity.update(module.IDENTITY_FAMILIES)
                self.addressee.update(module.ADDRESSEE_FAMILIES)
                self.copies.update(module.COPIES_FAMILIES)
                self.fonts += [f for f in module.fonts(register_ttf_family) if f in FONTS and f not in self.fonts]
                self.dm_positions += module.DM_POSITIONS


    def only(self, prefix):
        """Study one set of families: each kind keeps its families named so, if it has any."""
        for kind in ("identity", "addressee", "copies"):
            chosen = {k: v for k, v in getattr(self, kind).items() if k.startswith(prefix)}
            if chosen:
                setattr(self, kind, chosen)


class Letter:
    pass


def accent_variant(family):
    """'LEFÈVRE' <-> 'LEFEVRE': the same name as another software spells it."""
    plain = insi(family)
    if plain != family:
        return plain
    for a, b in (("E", "É"), ("E", "È")):
        i = family.find(a, 1)
        if i > 0:
            return family[:i] + b + family[i + 1:]
    return family


def pick_weighted(rng, items):
    total = sum(i[-1] for i in items)
    r = rng.uniform(0, total)
    for i in items:
        r -= i[-1]
        if r <= 0:
            return i
    return items[-1]


def community_doctor(world, rng, spec=None, title="DR"):
    if spec is None:
        spec = GP if rng.random() < 0.55 else rng.choice(SPECIALTIES)[0]
    return world.new_prof(rng, spec=spec, title=title)


def build_letter(world, fams, rng, case, id_fam, ad_fam, cp_fam, one_page=False):
    L = Letter()
    L.case = case
    L.seed = rng.getrandbits(32)
    L.font = rng.choice(fams.fonts)
    L.size = rng.choice([8, 8.5, 9, 9, 9.5, 10, 10, 10, 10.5, 11, 11, 12])
    L.lead = rng.choice([1.15, 1.2, 1.25, 1.3, 1.4])
    L.id_fam, L.ad_fam, L.cp_fam = id_fam, ad_fam, cp_fam
    L.id_fn, L.id_place = fams.identity[id_fam]
    L.ad_fn, L.window_side, needs_to = fams.addressee[ad_fam]
    L.cp_fn, needs_copies, L.cp_place = fams.copies[cp_fam]
    L.traps = []
    L.columns = 2 if L.window_side in ("right", "none", "flow") and rng.random() < 0.3 else 1
    L.hospital = h = world.hospital(rng)
    spec = rng.choice([s for s in SPECIALTIES if s[0] != GP])[0] if h["kind"] not in ("CABINET", "MSP", "CDS") \
        else rng.choice([GP, GP, rng.choice(SPECIALTIES)[0]])
    L.author = world.new_prof(rng, hospital=h, spec=spec, title="PR" if h["kind"] == "CHU" and rng.random() < 0.3
                              else "DR")
    L.doc_code, titles, _ = pick_weighted(rng, DOC_TYPES)
    L.title = rng.choice(titles)

    # The patient, and what the letter prints of them (identity-safety cases alter it).
    child = case == "insured-nir-only" or rng.random() < 0.2
    p = make_patient(rng, child=child)
    printed = dict(p)
    printed["print_oid"] = rng.random() < 0.35
    dm_p = dict(p)
    status = "consistent"
    L.dm = rng.random() < 0.5
    if case == "bad-key":
        body = p["ins"][:13]
        printed["ins"] = body + "%02d" % ((int(nir_key(body)) + 7) % 97)
        L.dm, status = False, "mismatch"
    elif case == "dm-mismatch":
        dm_p["birth_date"] = p["birth_date"][:8] + "%02d" % (int(p["birth_date"][8:]) % 28 + 1)
        L.dm, status = True, "mismatch"
    elif case == "dm-other-patient":
        other = make_patient(rng)
        while other["birth_name"] == p["birth_name"]:
            other = make_patient(rng)
        dm_p = other
        L.dm, status = True, "mismatch"
    elif case == "incomplete":
        printed["birth_place"] = None
        L.dm, status = False, "incomplete"
    elif case in ("no-ins", "insured-nir-only"):
        printed["ins"] = None
        printed["print_oid"] = False
        L.dm, status = False, "incomplete"
    L.patient, L.printed, L.status = p, printed, status
    L.dm_payload = dm_payload(dm_p)
    L.dm_pos = rng.choice(fams.dm_positions)
    L.dm_mm = rng.choice([15, 18, 20, 20, 20, 22, 25])
    L.dm_caption = rng.random() < 0.7
    L.dm_every_page = rng.random() < 0.2

    # Numbers that are not the INS.
    L.trap_values = {}
    if rng.random() < 0.55:
        L.trap_values["ipp"] = "%0*d" % (rng.choice([7, 8, 9, 10]), rng.randint(1, 10 ** 7))
        L.traps.append("ipp")
    if rng.random() < 0.35:
        L.trap_values["nda"] = "%d%08d" % (rng.choice([25, 26]), rng.randint(0, 10 ** 8 - 1))
        L.traps.append("nda")
    if case == "insured-nir-only" or (child and rng.random() < 0.75) or rng.random() < 0.04:
        # A child (or a spouse) covered by someone else's insurance: that person's NIR is printed.
        parent = make_patient(rng, sex=rng.choice("MF"), family=p["birth_name"] if child else None)
        while int(parent["birth_date"][:4]) > 1998:
            parent = make_patient(rng, sex=parent["sex"], family=p["birth_name"])
        L.trap_values["insured"] = {"civ": "Mme" if parent["sex"] == "F" else "M.", "family": parent["birth_name"],
                                    "given": parent["first_names"][0], "nir": parent["ins"]}
        L.traps.append("insured-nir")
    L.letterhead_author = rng.random() < 0.45
    L.letterhead_rpps = L.letterhead_author and rng.random() < 0.6
    if L.letterhead_rpps:
        L.traps.append("author-letterhead-rpps")
    L.signature_rpps = rng.random() < 0.3
    L.finess_in_head = rng.random() < 0.4
    L.fax_in_head = rng.random() < 0.5
    L.traps += ["phone"] + (["finess"] if L.finess_in_head else [])

    # Recipients.
    L.to = None
    if needs_to:
        if ad_fam == "pr-hospital" or (ad_fam not in ("salutation-only",) and rng.random() < 0.1):
            other_h = world.hospital(rng)
            L.to = world.new_prof(rng, hospital=other_h, title="PR" if ad_fam == "pr-hospital" else "DR",
                                  spec=rng.choice([s for s in SPECIALTIES if s[0] != GP])[0])
        else:
            L.to = community_doctor(world, rng)
    L.copies = []
    if needs_copies:
        for _ in range(rng.choice([1, 1, 2, 2, 3])):
            L.copies.append(community_doctor(world, rng))
    for r in [L.to] + L.copies:
        if r is not None:
            r.force_place = False
    L.copy_patient = rng.random() < 0.25 or (ad_fam == "patient-window" and rng.random() < 0.2)
    # Namesakes: the same name elsewhere in the directory, or the recipient not in it at all.
    recips = [r for r in [L.to] + L.copies if r is not None]
    L.extra_never = []
    for r in recips:
        # A namesake elsewhere is only told apart by the printed place: the letter must print it.
        placeable = not (r is L.to and ad_fam == "salutation-only")
        t = rng.random()
        if t < 0.07 and placeable:
            r.listed = False
            world.profs.remove(r)
            other = world.new_prof(rng, family=accent_variant(r.family), given=r.given, sex=r.sex,
                                   spec=r.spec[0], city=rng.choice([c for c in CITIES if c[2] != r.city]))
            r.force_place = True
            L.extra_never.append(other)
            L.traps.append("namesake-elsewhere")
        elif t < 0.16 and placeable:
            other = world.new_prof(rng, family=r.family, given=r.given, sex=r.sex,
                                   city=rng.choice([c for c in CITIES if c[2] != r.city]))
            r.force_place = True
            L.extra_never.append(other)
            L.traps.append("namesakes-city")
        elif t < 0.24:
            other = world.new_prof(rng, family=r.family, sex=rng.choice("MF"))
            L.extra_never.append(other)
            L.traps.append("same-family-other-given")
        elif t < 0.29:
            # A namesake already in the directory by chance can only be told apart by the place.
            namesake = any(q is not r and key_name(q.family) == key_name(r.family)
                           and key_name(q.given) == key_name(r.given) for q in world.profs)
            if namesake and not placeable:
                continue
            r.listed = False
            world.profs.remove(r)
            r.force_place = namesake
            L.traps.append("unknown-recipient")
    # Doctors who are named but are not recipients.
    L.body_named = []
    if rng.random() < 0.35:
        L.body_named.append(community_doctor(world, rng) if rng.random() < 0.7 else
                            world.new_prof(rng, hospital=h, title=rng.choice(["DR", "PR"])))
        L.traps.append("body-named")
    L.adeli = None
    if rng.random() < 0.15:  # a nurse or physiotherapist and their ADELI number, in the body
        f = rng.random() < 0.6
        L.adeli = ("Mme" if f else "M.", rng.choice(GIVEN_F if f else GIVEN_M), pick_surname(rng),
                   rng.choice(["infirmière libérale" if f else "infirmier libéral", "masseur-kinésithérapeute"]),
                   "%s%d%06d" % (h["city"][1][:2].replace("A", "0").replace("B", "0"), rng.choice([6, 7]),
                                 rng.randint(0, 999999)))
        L.traps.append("adeli")  # ADELI: 9 digits
    L.side_doctors = []
    L.side_rpps = False
    if L.columns == 2:
        chief = world.new_prof(rng, hospital=h, spec=L.author.spec[0], title=rng.choice(["PR", "DR"]))
        L.side_doctors = [chief] + [world.new_prof(rng, hospital=h, spec=L.author.spec[0])
                                    for _ in range(rng.randint(3, 8))]
        if rng.random() < 0.3:
            L.side_doctors.insert(rng.randint(1, len(L.side_doctors)), L.author)
        L.side_rpps = rng.random() < 0.25
        L.traps.append("side-column")
    if rng.random() < 0.1:
        fam = p["used_name"] or p["birth_name"]
        L.extra_never.append(world.new_prof(rng, family=fam, given=p["first_names"][0], sex=p["sex"]))
        L.traps.append("patient-name-doctor")
    L.target_pages = 1 if one_page else pick_weighted(rng, [(1, 55), (2, 30), (3, 15)])[0]
    L.repeat_identity = rng.random() < 0.5
    L.title_place = rng.choice(["heading", "heading", "objet", "box", "left-heading"])
    L.id_size = max(8, min(12, L.size + rng.choice([0, 0, 0, 0.5, 1, -0.5])))
    L.letterhead_style = rng.choice(["left-block", "left-block", "centred", "logo-left"])
    if L.window_side == "left":
        L.letterhead_style = rng.choice(["right-block", "centred"])
    if L.id_place == "top-right" and L.letterhead_style == "centred":
        L.letterhead_style = "left-block"
    L.footer_style = rng.choice(["full", "full", "address-page", "page-only", "none"])
    return L


def draw_letter(L, c, total):
    rng = random.Random(L.seed)
    left = 165 if L.columns == 2 else rng.choice([45, 50, 56, 60])
    right = W - rng.choice([40, 45, 50, 56])
    st = Style(L.font, L.size, L.lead, left, right, top_later=95 if L.id_place == "band" else 78,
               bottom=H - (112 if L.id_place == "footer" else 66))
    doc = Doc(c, st, total, rng)
    doc.letter = L
    doc.name = getattr(L, "name", "?")
    L.drawn = []  # every string drawn, for the truth (is a recipient's street printed?)
    L.mentions = Mentions()
    L.salutation = None
    L.flow_addressee = None
    L.addressed_to_patient = False
    L.dm_pages = []
    L.dm_box = None
    I = Ident(L.printed, L.id_size, L.trap_values)
    L.ident = I
    if L.footer_style != "none":
        doc.page_end.append(footer_callback(L, L.footer_style, random.Random(L.seed + 1)))
    doc.page_start.append(later_header_callback(L, I, random.Random(L.seed + 2)))
    if L.dm:
        doc.page_end.append(dm_callback(L))  # last: it needs every other box of the page

    # Page 1: furniture first, then the flow.
    y0 = rng.choice([28, 34, 40]) + (40 if L.id_place == "band" else 0)
    if L.id_place in ("band", "footer"):
        L.id_fn(doc, I, rng)
    bottom = draw_letterhead(doc, L, rng, y0, L.letterhead_style)
    if L.id_place == "top-right":
        bottom = max(bottom, L.id_fn(doc, I, rng))
    doc.header_bottom = bottom
    if L.columns == 2:
        draw_side_column(doc, L, rng, max(bottom, 120) + 8)
    win = L.ad_fn(doc, L, rng)
    doc.win_bottom = win
    doc.y = max(bottom, win or 0, 110) + rng.choice([8, 16, 24])
    date = "%s, le %s" % (title_city(L.hospital["city"][2]), fr_date("2026-11-%02d" % rng.randint(2, 23), "words"))
    if rng.random() < 0.2:
        date = "Le " + fr_date("2026-11-%02d" % rng.randint(2, 23), "slash")
    doc.line(date, doc.size - 0.5, x=(330 if rng.random() < 0.6 and win else doc.left))
    if rng.random() < 0.3:
        doc.line("N/Réf. : %s/%s%s/%04d" % (insi(L.author.service)[:5], L.author.given[0], L.author.family[0],
                                             rng.randint(1, 9999)), doc.size - 1)
    if L.flow_addressee:
        doc.gap(4)
        doc.para(L.flow_addressee, doc.size)
    if L.cp_place == "top":
        L.cp_fn(doc, L, rng)
    doc.gap(doc.size * 0.5)
    identity_first = L.id_place == "flow" and rng.random() < 0.25
    if identity_first:
        L.id_fn(doc, I, rng)
        generic_trap_lines(doc, L, I, rng)
    title_block(doc, L, rng, L.title_place)
    if L.id_place == "flow" and not identity_first:
        L.id_fn(doc, I, rng)
        generic_trap_lines(doc, L, I, rng)
    elif L.id_place != "flow":
        generic_trap_lines(doc, L, I, rng)
    if L.doc_code in ("34112-3", "11490-0", "18761-7"):
        doc.line("%s du %s au %s" % (rng.choice(["Hospitalisation", "Séjour"]),
                                      fr_date("2026-11-%02d" % rng.randint(2, 9), "slash"),
                                      fr_date("2026-11-%02d" % rng.randint(10, 20), "slash")), doc.size)
    doc.gap(doc.size * 0.4)

    # Body.
    f = I.sex == "F"
    patient_label = "%s %s" % ("Mme" if f else "M.", I.used or I.birth)
    certificate = L.doc_code == "89601-9"
    prescription = L.doc_code == "57833-6"
    if L.salutation or not (certificate or prescription):
        doc.line(L.salutation or rng.choice(["Cher Confrère,", "Chère Consœur," if L.to and L.to.sex == "F" else
                                             "Cher Confrère,", "Cher ami,", "Madame, Monsieur,", "Cher Collègue,",
                                             "Mon cher confrère,"]), doc.size)
        doc.gap(doc.size * 0.4)
    if L.id_place == "body":
        L.id_fn(doc, I, rng, rng.choice(REASONS))
    named = []
    for p in L.body_named:
        form = rng.choice(["dr-given-family", "docteur-given-family", "dr-family", "dr-family-given"])
        name, _ = prof_name(p, rng, form)
        named.append(rng.choice([
            "%s a été adressé%s par le %s pour avis." % (patient_label, "e" if f else "", name),
            "Le suivi habituel est assuré par le %s." % name,
            "Un avis a été demandé au %s (%s), qui propose de poursuivre la surveillance." % (
                name, rng.choice(p.spec[2]).lower() if p.spec else "médecin"),
            "%s est par ailleurs suivi%s par le %s." % (patient_label, "e" if f else "", name)]))
    if L.adeli:
        civ, given, fam, job, number = L.adeli
        spaced = "%s %s %s %s" % (number[:2], number[2], number[3:8], number[8:])
        named.append("Les soins sont poursuivis à domicile par %s %s %s, %s (ADELI %s)." % (
            civ, given, fam, job, rng.choice([number, spaced])))
    if certificate:
        a = L.author
        doc.para("Je soussigné%s, %s %s %s, certifie avoir examiné ce jour %s, et constaté que son état de santé "
                 "nécessite un arrêt de ses activités sportives pendant une durée de trois semaines." % (
                     "e" if a.sex == "F" else "", "Docteur", a.given, a.family, patient_label), doc.size)
        doc.para("Certificat établi à la demande de l'intéressé%s et remis en main propre pour servir et valoir "
                 "ce que de droit." % ("e" if f else ""), doc.size)
        for s in named:
            doc.para(s, doc.size)
    elif prescription:
        for i, t in enumerate(rng.sample(TREATMENT, rng.randint(3, 6))):
            doc.para("%d) %s" % (i + 1, t), doc.size)
        doc.para(rng.choice(["Traitement pour 1 mois, à renouveler 2 fois.", "QSP 3 mois.",
                             "Durée du traitement : 10 jours."]), doc.size)
        for s in named:
            doc.para(s, doc.size)
    else:
        paras = body_paragraphs(L.doc_code, rng, patient_label)
        stop = rng.uniform(0.25, 0.6) * H
        count = 0
        while count < 2 or doc.page < L.target_pages or (doc.page == L.target_pages and doc.y < stop):
            heading, text = next(paras)
            if count == 0 and named:
                text = " ".join(named) + " " + text
            if heading:
                doc.need(doc.lead() * 3)
                doc.line(heading, doc.size, bold=True)
            doc.para(text, doc.size)
            count += 1
            if count == 2 and L.doc_code in ("11490-0", "34112-3") and rng.random() < 0.6:
                doc.line(rng.choice(["Traitement de sortie :", "Traitement à poursuivre :"]), doc.size, bold=True)
                for t in rng.sample(TREATMENT, rng.randint(2, 4)):
                    doc.para("- " + t, doc.size, x=doc.left + 10, after=0)
                doc.gap(doc.size * 0.5)
            if count > 60:
                break
        doc.para(rng.choice(["Je vous prie de croire, cher confrère, à l'assurance de mes sentiments les meilleurs.",
                             "Bien confraternellement.", "Restant à votre disposition pour tout renseignement "
                             "complémentaire, je vous prie d'agréer mes salutations distinguées.",
                             "Cordialement.", "Avec mes remerciements, bien confraternellement."]), doc.size)
    signature(doc, L, rng)
    if L.cp_place == "end":
        L.cp_fn(doc, L, rng)
    doc.finish()
    L.pages = doc.page
    L.printed_firsts = I.printed_firsts


# ---------------------------------------------------------------------------------------------
# Rendering: the text PDF (two passes, for "page x/y"), its scans.


def render_text(L, path=None):
    """Draws the letter; returns the PDF bytes (and writes them to `path`)."""
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    draw_letter(L, c, None)
    total = L.pages
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    c.setTitle("Courrier")
    draw_letter(L, c, total)
    c.save()
    data = buf.getvalue()
    if path:
        with open(path, "wb") as f:
            f.write(data)
    return data


def degrade(img, dpi, rng):
    """An office scanner: tilt, blur, speckles, sometimes faint print or a grey page, JPEG."""
    from PIL import Image, ImageFilter
    angle = rng.uniform(-3, 3)
    img = img.rotate(angle, resample=Image.BILINEAR, expand=False, fillcolor=255)
    faint = rng.random() < 0.15
    if faint:  # toner running out: black prints dark grey
        k = rng.uniform(0.55, 0.7)
        img = img.point(lambda v: int(255 - (255 - v) * k))
    img = img.filter(ImageFilter.GaussianBlur(radius=rng.uniform(0.35, 0.7) * dpi / 300))
    # Salt and pepper: about 0.4 % of the pixels each, half opaque.
    noise = Image.frombytes("L", img.size, rng.randbytes(img.size[0] * img.size[1]))
    noise = noise.point(lambda v: 0 if v == 0 else 255 if v == 255 else 128)
    img = Image.composite(noise, img, noise.point(lambda v: 120 if v != 128 else 0))
    grey = rng.random() < 0.15
    if grey:  # recycled paper or a dark scan: the page is grey, not white
        base = rng.randint(200, 225)
        img = img.point(lambda v: int(v * base / 255))
    else:
        img = img.point(lambda v: int(v * 0.93 + 12))
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=rng.randint(40, 75))
    return buf.getvalue(), angle, faint, grey


def rasterise(pdf_bytes, dpi, first=None, last=None):
    from PIL import Image
    with tempfile.TemporaryDirectory() as tmp:
        src = os.path.join(tmp, "in.pdf")
        with open(src, "wb") as f:
            f.write(pdf_bytes)
        cmd = ["pdftoppm", "-r", str(dpi), "-gray"]  # PGM: PNG compression would cost more than the rest
        if first:
            cmd += ["-f", str(first), "-l", str(last or first)]
        subprocess.run(cmd + [src, os.path.join(tmp, "p")], check=True)
        pages = sorted(n for n in os.listdir(tmp) if n.startswith("p") and n.endswith(".pgm"))
        out = []
        for n in pages:
            with Image.open(os.path.join(tmp, n)) as im:
                out.append(im.convert("L"))
        return out


def scanned_pages(L, text_pdf, dpi):
    """The degraded page images of a letter at `dpi`, made once: scan300, scan300-96ppi and mixed
    share the same 300 dpi images."""
    cache = L.__dict__.setdefault("scans", {})
    if dpi not in cache:
        rng = random.Random(L.seed + dpi)
        cache[dpi] = [(img.size,) + degrade(img, dpi, rng) for img in rasterise(text_pdf, dpi)]
    return cache[dpi]


def write_scan(L, text_pdf, out_pdf, variant):
    """scan300, scan200, scan300-96ppi (the same image declared at 96 ppi), mixed."""
    dpi = 200 if variant == "scan200" else 300
    declared = 96 if variant.endswith("96ppi") else dpi
    pages = scanned_pages(L, text_pdf, dpi)
    if variant == "mixed":
        pages = pages[:1]
    c = canvas.Canvas(out_pdf, pagesize=A4)
    if variant == "mixed":  # a text page, then its scan
        draw_mixed_first_page(L, c)
    info = []
    for size, jpeg, angle, faint, grey in pages:
        w, h = size[0] * 72.0 / declared, size[1] * 72.0 / declared
        c.setPageSize((w, h))
        c.drawImage(ImageReader(io.BytesIO(jpeg)), 0, 0, w, h)
        c.showPage()
        info.append((round(angle, 2), faint, grey))
    c.save()
    return info, declared


def draw_mixed_first_page(L, c):
    """The text letter's pages, as drawn for the text variant (one page for mixed letters)."""
    draw_letter(L, c, L.pages)


# ---------------------------------------------------------------------------------------------
# Truth


def fits(q, mention):
    """Whether directory professional q fits what the letter printed of a recipient."""
    p = mention["prof"]
    if key_name(q.family) != key_name(p.family):
        return False
    gf = mention["given_form"]
    if gf == "full" and key_name(q.given) != key_name(p.given):
        return False
    # "J." stands for Jean-Claude as well as for Julie: the printed initials begin the given name's.
    if gf == "initial" and not key_name(initials(q.given)).startswith(key_name(initials(p.given))):
        return False
    if mention["postcode"]:
        return q.postcode == mention["postcode"]
    if mention["city"]:
        return key_name(q.city) == key_name(mention["city"])
    return True


def recipients_truth(L, world):
    by_prof = {}
    for m in L.mentions.items:
        by_prof.setdefault(id(m["prof"]), []).append(m)
    out, recipient_rpps = [], set()
    for ms in by_prof.values():
        p = ms[0]["prof"]
        candidates = None
        for m in ms:
            f = {q.rpps for q in world.profs if fits(q, m)}
            candidates = f if candidates is None else candidates & f
        best = max(ms, key=lambda m: (m["postcode"] is not None, m["city"] is not None, m["given_form"] == "full"))
        rpps = p.rpps if p.listed else None
        if rpps is None and candidates and len(candidates) == 1:
            # Someone outside the directory printed exactly as one professional of it ("Dr J. LAMBERT,
            # LANNION" when the directory's only J. LAMBERT practises there): as printed, the letter
            # designates that professional, and any reader takes it so; unless it prints a street
            # that is not theirs ("Dr MASSON, 45000 Orléans" with no street designates the
            # directory's only MASSON there).
            q = next(x for x in world.profs if x.rpps in candidates)
            street = any(p.street_line() in t for t in getattr(L, "drawn", []))
            if not street or q.street_line() == p.street_line():
                rpps = q.rpps
        if rpps:
            recipient_rpps.add(rpps)
        # The product's rule: a name printed with an initial only, or no given name, designates one
        # professional only where a printed place confirms it ("Dr B. FRANÇOIS" alone is proposed).
        confirmed = any(m["given_form"] == "full" or m["city"] or m["postcode"] for m in ms)
        out.append({"name": best["name"], "role": "to" if any(m["role"] == "to" for m in ms) else "cc",
                    "rpps": rpps, "auto": bool(rpps) and candidates == {rpps} and confirmed, "family": p.family,
                    "given": p.given, "given_form": best["given_form"], "city": best["city"],
                    "postcode": best["postcode"]})
    out.sort(key=lambda r: r["role"] != "to")
    return out, recipient_rpps


def never_auto(L, world, recipient_rpps, recipients):
    never = {L.author.rpps}
    never.update(p.rpps for p in L.body_named + L.side_doctors + L.extra_never if p.listed)
    # Any other professional of the directory with a recipient's full name (a namesake elsewhere).
    names = {(key_name(r["family"]), key_name(r["given"])) for r in recipients}
    for q in world.profs:
        if (key_name(q.family), key_name(q.given)) in names:
            never.add(q.rpps)
    return sorted(never - recipient_rpps)


def never_auto_kinds(L, world, recipient_rpps, recipients):
    """Why each never_auto professional must not be chosen (so that the bench can count held-out
    violations by kind without naming a letter): author, body (named in running text), side (the
    service's staff), namesake (a recipient's full name elsewhere), other (a trap's look-alike)."""
    kinds = {}
    for p in L.extra_never:
        if p.listed:
            kinds[p.rpps] = "other"
    names = {(key_name(r["family"]), key_name(r["given"])) for r in recipients}
    for q in world.profs:
        if (key_name(q.family), key_name(q.given)) in names:
            kinds[q.rpps] = "namesake"
    for p in L.side_doctors:
        if p.listed:
            kinds[p.rpps] = "side"
    for p in L.body_named:
        if p.listed:
            kinds[p.rpps] = "body"
    kinds[L.author.rpps] = "author"
    return {k: v for k, v in sorted(kinds.items()) if k not in recipient_rpps}


def truth_of(L, world, name):
    p = L.patient
    recipients, recipient_rpps = recipients_truth(L, world)
    # A name printed in capitals only ("LAURENT GWENAEL") with no label, no other spelling and no
    # DataMatrix to say which word is the given name: a reader that never guesses leaves both
    # names unread, and the INS withheld.
    # Another spelling is the given name printed in small letters anywhere ("DUMONT Gaëlle" in a
    # later page's band, "Dossier : M. ROUSSEL Michel").
    given = p["first_names"][0]
    spelt = given != given.upper() and any(given in t for t in getattr(L, "drawn", []))
    unordered = (getattr(L, "names_unordered", False) and not L.dm_pages and not spelt
                 and L.status == "consistent")
    status = "incomplete" if unordered else L.status
    ok = status == "consistent"
    return {
        "file": None,
        "variant": None,
        "split": L.split,
        "identity_layout": L.id_fam,
        "addressee_layout": L.ad_fam,
        "copies_layout": L.cp_fam,
        "layout": L.ad_fam,
        "identity_style": L.id_fam,
        "font": L.font,
        "font_size": L.size,
        "columns": L.columns,
        "pages": L.pages,
        "case": L.case,
        "traps": sorted(set(L.traps)),
        "datamatrix": bool(L.dm_pages),
        "dm_pages": sorted(set(L.dm_pages)),
        "dm_size_mm": L.dm_mm if L.dm_pages else None,
        "dm_box_pt": L.dm_box,  # page 1, points from the top left, before any scan tilt
        "document_type": L.doc_code,
        "title": L.title,
        "patient": {
            "ins": p["ins"] if ok else None,
            "ins_oid": (TEST_OID if (L.dm_pages or L.printed["print_oid"]) else None) if ok else None,
            "birth_name": None if unordered else insi(p["birth_name"]),
            "used_name": insi(p["used_name"]) if p["used_name"] else None,
            "first_name": None if unordered else insi(p["first_names"][0]),
            "first_names": [insi(g) for g in p["first_names"]],
            "first_names_printed": [insi(g) for g in (L.printed_firsts or p["first_names"][:1])],
            "birth_date": p["birth_date"],
            "sex": p["sex"],
            "birth_place": L.printed["birth_place"],
            "status": status,
            "printed_ins": L.printed["ins"],
        },
        "author": L.author.display(),
        "author_rpps": L.author.rpps,
        "recipients": recipients,
        "never_auto": never_auto(L, world, recipient_rpps, recipients),
        "never_auto_kinds": never_auto_kinds(L, world, recipient_rpps, recipients),
        "addressed_to_patient": L.addressed_to_patient,
        "copy_patient": L.copy_patient,
    }


# ---------------------------------------------------------------------------------------------
# Bad inputs


def write_bad(out):
    """Bad inputs: encrypted, corrupt, zero pages, 500 pages, decompression bomb."""
    from reportlab.lib import pdfencrypt
    enc = pdfencrypt.StandardEncryption("secret", canPrint=0)
    c = canvas.Canvas(os.path.join(out, "encrypted.pdf"), pagesize=A4, encrypt=enc)
    c.drawString(72, 700, "Lettre de liaison confidentielle")
    c.showPage()
    c.save()

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    c.drawString(72, 700, "Lettre de liaison")
    c.showPage()
    c.save()
    data = buf.getvalue()
    with open(os.path.join(out, "corrupt.pdf"), "wb") as f:
        f.write(data[: len(data) // 3] + b"\x00garbage" * 50)

    # A valid file whose page tree is empty.
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [] /Count 0 >>"]
    write_raw_pdf(os.path.join(out, "zero-pages.pdf"), objs)

    # 500 pages written directly (reportlab would take seconds).
    n = 500
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [" + b" ".join(b"%d 0 R" % (4 + i) for i in range(n)) + b"] /Count %d >>" % n,
            b"<< /Length 44 >>\nstream\nBT /F1 12 Tf 72 720 Td (Page de test) Tj ET\nendstream"]
    font = 4 + n
    for i in range(n):
        objs.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 3 0 R "
                    b"/Resources << /Font << /F1 %d 0 R >> >> >>" % font)
    objs.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    write_raw_pdf(os.path.join(out, "500-pages.pdf"), objs)

    # Decompression bomb: a 40000 x 40000 grey image (1.6 GB decoded) in a ~1.6 MB stream.
    side = 40000
    comp = zlib.compressobj(9)
    chunk = b"\xff" * (side * 100)
    parts = [comp.compress(chunk) for _ in range(side // 100)]
    parts.append(comp.flush())
    stream = b"".join(parts)
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
            b"/Resources << /XObject << /Im1 5 0 R >> >> >>",
            b"<< /Length 33 >>\nstream\nq 595 0 0 842 0 0 cm /Im1 Do Q\nendstream",
            b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray "
            b"/BitsPerComponent 8 /Filter /FlateDecode /Length %d >>\nstream\n" % (side, side, len(stream))
            + stream + b"\nendstream"]
    write_raw_pdf(os.path.join(out, "bomb.pdf"), objs)

    # Content bombs: text that inflates far beyond any letter. One page stream of 64 MB of
    # short text lines (about 250 kB compressed), and a small form drawn 200,000 times.
    line = b"BT /F1 2 Tf 10 10 Td (" + b"Lorem ipsum dolor sit amet " * 4 + b") Tj ET\n"
    comp = zlib.compressobj(9)
    parts = [comp.compress(line * ((16 << 20) // len(line))) for _ in range(4)]
    parts.append(comp.flush())
    stream = b"".join(parts)
    font = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
            b"/Resources << /Font << /F1 5 0 R >> >> >>",
            b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
            font]
    write_raw_pdf(os.path.join(out, "content-bomb.pdf"), objs)
    form = line * 4
    comp = zlib.compressobj(9)
    calls = comp.compress(b"/Fm1 Do\n" * 200000) + comp.flush()
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
            b"/Resources << /XObject << /Fm1 5 0 R >> /Font << /F1 6 0 R >> >> >>",
            b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(calls) + calls + b"\nendstream",
            b"<< /Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources << /Font << /F1 6 0 R >> >> "
            b"/Length %d >>\nstream\n" % len(form) + form + b"\nendstream",
            font]
    write_raw_pdf(os.path.join(out, "form-bomb.pdf"), objs)


def write_raw_pdf(path, objs):
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objs):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % (i + 1) + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    with open(path, "wb") as f:
        f.write(out)


def write_long(L, path, pages):
    """A text document of `pages` pages: the letter, then pages of running text (annexes)."""
    c = canvas.Canvas(path, pagesize=A4)
    draw_letter(L, c, pages)
    rng = random.Random(L.seed + 7)
    font = FONTS[L.font][0]
    for n in range(L.pages + 1, pages + 1):
        c.setFont(font, 10)
        c.drawString(50, H - 40, "Annexe - page %d/%d" % (n, pages))
        y = 70
        pool = GENERIC + [t for ts in TYPE_BODY.values() for t in ts]
        while y < H - 60:
            for ln in wrap_plain(rng.choice(pool), font, 10, W - 100):
                c.drawString(50, H - y, ln)
                y += 13
                if y >= H - 60:
                    break
            y += 6
        c.showPage()
    c.save()


def wrap_plain(s, font, size, width):
    lines, cur = [], ""
    for word in s.split(" "):
        trial = (cur + " " + word) if cur else word
        if cur and pdfmetrics.stringWidth(trial, font, size) > width:
            lines.append(cur)
            cur = word
        else:
            cur = trial
    return lines + ([cur] if cur else [])


# ---------------------------------------------------------------------------------------------


CASES = ("bad-key", "dm-mismatch", "dm-other-patient", "incomplete", "no-ins", "insured-nir-only")


def family_cycle(rng, names):
    """Families in a shuffled round robin: every family appears before any appears twice."""
    while True:
        order = list(names)
        rng.shuffle(order)
        for n in order:
            yield n


def compatible(fams, id_fam, ad_fam):
    """A top-right identity and a left window would both need the top of the page."""
    return not (fams.identity[id_fam][1] == "top-right" and fams.addressee[ad_fam][1] == "left")


for _module in TUNING_MODULES + (heldout_layouts,):
    _module.use(sys.modules[__name__])

# A held-out family must not bear a tuning family's name (the two splits would mix).
_TUNING_NAMES = set(IDENTITY_FAMILIES) | set(ADDRESSEE_FAMILIES) | set(COPIES_FAMILIES)
for _module in TUNING_MODULES:
    _TUNING_NAMES |= set(_module.IDENTITY_FAMILIES) | set(_module.ADDRESSEE_FAMILIES) | set(_module.COPIES_FAMILIES)
_CLASH = _TUNING_NAMES & (set(heldout_layouts.IDENTITY_FAMILIES) | set(heldout_layouts.ADDRESSEE_FAMILIES)
                          | set(heldout_layouts.COPIES_FAMILIES))
if _CLASH:
    raise SystemExit("held-out families named as tuning ones: " + ", ".join(sorted(_CLASH)))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--count", type=int, default=10)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--split", choices=["tuning", "heldout"], default="tuning")
    ap.add_argument("--variants", default="text")
    ap.add_argument("--families", default="",
                    help="draw only the families whose name starts with this prefix (each kind that has one)")
    ap.add_argument("--cases", action="store_true", help="also the identity-safety cases")
    ap.add_argument("--bad", action="store_true", help="also the bad inputs")
    ap.add_argument("--scans", type=int, default=0, help="also a 300 dpi scan of the first N letters")
    ap.add_argument("--scans200", type=int, default=0, help="also a 200 dpi scan of the first N letters")
    ap.add_argument("--scans96", type=int, default=0,
                    help="also a 300 dpi scan declared at 96 ppi of the first N letters")
    ap.add_argument("--mixed", type=int, default=0,
                    help="also, for the first N letters, a text page followed by its 300 dpi scan")
    ap.add_argument("--one-page", type=int, default=0, help="the first N letters fit on one page")
    ap.add_argument("--pages50", type=int, default=0,
                    help="also N text documents of 50 pages (long-NNN-text.pdf, not in index.txt)")
    ap.add_argument("--annuaire", help="also write the directory extracts there (always in OUT/annuaire)")
    ap.add_argument("--distractors", type=int, default=3000, help="professionals in the directory beside the "
                    "letters' ones")
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    os.chmod(args.out, 0o700)
    key = "%s-%d" % (args.split, args.seed)
    rng = random.Random(key)
    world = World(key)
    world.add_distractors(args.distractors)
    fams = Families(args.split)
    if args.families:
        fams.only(args.families)
    variants = [v for v in args.variants.split(",") if v]
    for v in variants:
        if v not in ("text", "scan300", "scan200", "scan300-96ppi", "mixed"):
            ap.error("unknown variant " + v)
    jobs = [("letter-%03d" % i, "normal", i) for i in range(args.count)]
    if args.cases:
        jobs += [("case-%s" % c, c, args.count + i) for i, c in enumerate(CASES)]
    id_cycle = family_cycle(rng, sorted(fams.identity))
    ad_cycle = family_cycle(rng, sorted(fams.addressee))
    cp_cycle = family_cycle(rng, sorted(fams.copies))
    letters = []
    for name, case, n in jobs:
        extra = [v for v, first in (("scan300", args.scans), ("scan200", args.scans200),
                                    ("scan300-96ppi", args.scans96), ("mixed", args.mixed))
                 if case == "normal" and n < first and v not in variants]
        wanted = variants + extra
        id_fam, ad_fam, cp_fam = next(id_cycle), next(ad_cycle), next(cp_cycle)
        while not compatible(fams, id_fam, ad_fam):
            ad_fam = next(ad_cycle)
        for attempt in range(20):
            one_page = "mixed" in wanted or (case == "normal" and n < args.one_page)
            L = build_letter(world, fams, rng, case, id_fam, ad_fam, cp_fam, one_page=one_page)
            L.split, L.name = args.split, name
            text = render_text(L)
            # Redraw when the letter cannot be what it must be (a case needing a DataMatrix with no
            # room for one; a mixed letter over one page).
            if (case in ("dm-mismatch", "dm-other-patient") and not L.dm_pages) or \
                    (one_page and L.pages != 1):
                continue
            break
        L.variants = {}
        text_pdf = os.path.join(args.out, name + "-text.pdf")
        if "text" in wanted:
            with open(text_pdf, "wb") as f:
                f.write(text)
            L.variants["text"] = {}
        for variant in wanted:
            if variant == "text":
                continue
            pdf = os.path.join(args.out, "%s-%s.pdf" % (name, variant))
            info, declared = write_scan(L, text, pdf, variant)
            L.variants[variant] = {"skew_degrees": info[0][0], "skew_pages": [i[0] for i in info],
                                   "faint": any(i[1] for i in info), "grey_background": any(i[2] for i in info),
                                   "declared_ppi": declared}
        L.scans = {}  # the images are written: free them
        letters.append(L)
    for i in range(args.pages50):
        L = build_letter(world, fams, rng, "normal", next(id_cycle), "window-right" if args.split == "tuning"
                         else next(ad_cycle), next(cp_cycle))
        L.split, L.name = args.split, "long-%03d" % i
        render_text(L)
        write_long(L, os.path.join(args.out, "long-%03d-text.pdf" % i), 50)
        L.variants = {}
        letters.append(L)
        with open(os.path.join(args.out, "long-%03d-text.json" % i), "w", encoding="utf-8") as f:
            t = truth_of(L, world, L.name)
            t.update(file="long-%03d-text.pdf" % i, variant="text", pages=50)
            json.dump(t, f, ensure_ascii=False, indent=1)

    # The directory is complete: the truth of every letter can be written.
    index = []
    for L in letters:
        for variant, extra in L.variants.items():
            t = truth_of(L, world, L.name)
            t["file"] = "%s-%s.pdf" % (L.name, variant)
            t["variant"] = variant
            if variant != "text":
                t.update(extra)
                if variant == "mixed":
                    t["pages"] = L.pages + 1
                    t["dm_pages"] = [1, 2] if t["datamatrix"] else []
                elif not L.dm_every_page:
                    t["dm_pages"] = [1] if t["datamatrix"] else []
            with open(os.path.join(args.out, "%s-%s.json" % (L.name, variant)), "w", encoding="utf-8") as f:
                json.dump(t, f, ensure_ascii=False, indent=1)
            index.append(t["file"])
    world.write(os.path.join(args.out, "annuaire"))
    if args.annuaire:
        world.write(args.annuaire)
    if args.bad:
        write_bad(args.out)
    with open(os.path.join(args.out, "index.txt"), "w") as f:
        f.write("\n".join(index) + "\n")
    for o in sorted(set(OVERLAPS)):
        print("overlap: " + o, file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

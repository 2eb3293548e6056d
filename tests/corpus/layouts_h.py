"""Tuning layout families, eighth set (see make_letters.py).

These were the held-out families of session 34 (written blind to the reader); once their results
had been studied they joined the tuning part and a new held-out set (heldout_layouts.py) replaced
them.

The families use the helpers of make_letters.py, bound at import time through use().
"""

M = None  # the make_letters module


def use(module):
    global M
    M = module


# ---------------------------------------------------------------------------------------------
# Fonts: body faces (returned by fonts()) and faces some blocks are set in (h_BLOCK_FONTS).

h_BLOCK_FONTS = []

_FF = "/usr/share/fonts/truetype/freefont/"  # fonts-freefont-ttf (optional)
_DV = "/usr/share/fonts/truetype/dejavu/"
_LB = "/usr/share/fonts/truetype/liberation2/"


def fonts(register):
    """The fonts of this set, registered through make_letters.py; a face whose files are missing
    is simply not offered."""
    out = []
    # Slanted or light faces as the running text, cuts the tuning part never sets a letter in.
    if register("FreeSansObliqueText", _FF + "FreeSansOblique.ttf", _FF + "FreeSansBoldOblique.ttf",
                _FF + "FreeSans.ttf"):
        out.append("FreeSansObliqueText")
    if register("FreeSerifItalicText", _FF + "FreeSerifItalic.ttf", _FF + "FreeSerifBoldItalic.ttf",
                _FF + "FreeSerif.ttf"):
        out.append("FreeSerifItalicText")
    if register("DejaVuSerifCondensedItalicText", _DV + "DejaVuSerifCondensed-Italic.ttf",
                _DV + "DejaVuSerifCondensed-BoldItalic.ttf", _DV + "DejaVuSerifCondensed.ttf"):
        out.append("DejaVuSerifCondensedItalicText")
    if register("DejaVuSansLight", _DV + "DejaVuSans-ExtraLight.ttf", _DV + "DejaVuSans-Bold.ttf",
                _DV + "DejaVuSans-Oblique.ttf"):
        out.append("DejaVuSansLight")
    for key, faces in (("NimbusRomanItalicText", ("NimbusRoman-Italic", "NimbusRoman-BoldItalic",
                                                  "NimbusRoman-Regular")),
                       ("URWGothicDemiText", ("URWGothic-Demi", "URWGothic-DemiOblique", "URWGothic-BookOblique")),
                       ("URWBookmanDemiText", ("URWBookman-Demi", "URWBookman-DemiItalic", "URWBookman-LightItalic"))):
        if M.register_type1_family(key, *faces):
            out.append(key)
    # Faces for single blocks (a label in a monospace oblique inside a serif letter…).
    del h_BLOCK_FONTS[:]
    if register("DejaVuSansMonoOblique", _DV + "DejaVuSansMono-Oblique.ttf", _DV + "DejaVuSansMono-BoldOblique.ttf",
                _DV + "DejaVuSansMono.ttf"):
        h_BLOCK_FONTS.append("DejaVuSansMonoOblique")
    if register("LiberationMonoBoldText", _LB + "LiberationMono-Bold.ttf", _LB + "LiberationMono-BoldItalic.ttf",
                _LB + "LiberationMono-Italic.ttf"):
        h_BLOCK_FONTS.append("LiberationMonoBoldText")
    if M.register_type1_family("NimbusSansNarrowBoldText", "NimbusSansNarrow-Bold", "NimbusSansNarrow-BoldOblique",
                               "NimbusSansNarrow-Oblique"):
        h_BLOCK_FONTS.append("NimbusSansNarrowBoldText")
    if M.register_type1_family("NimbusMonoPSItalicText", "NimbusMonoPS-Italic", "NimbusMonoPS-BoldItalic",
                               "NimbusMonoPS-Regular"):
        h_BLOCK_FONTS.append("NimbusMonoPSItalicText")
    # One face the tuning part uses too, so that the held-out part does not hinge on fonts alone.
    return out + ["Helvetica"]


class _Face:
    """Sets a block in another face for the time of a `with`."""

    def __init__(self, doc, key):
        self.doc, self.key = doc, key

    def __enter__(self):
        self.old = self.doc.st.font
        if self.key and self.key in M.FONTS:
            self.doc.st.font = self.key
        return self

    def __exit__(self, *exc):
        self.doc.st.font = self.old
        return False


def _block_font(rng, p=0.5):
    if h_BLOCK_FONTS and rng.random() < p:
        return rng.choice(h_BLOCK_FONTS)
    return None


# ---------------------------------------------------------------------------------------------
# Shared bits

_MOIS_ABR = ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."]
_AU = ("Maroc", "Sénégal", "Portugal", "Cameroun", "Viêt Nam", "Royaume-Uni")


def _nb(s):
    return s.replace(" ", M.NBSP)


def _date(I, rng, styles):
    """The birth date: numeric with / . - or spaces, ISO, compact, two-digit years where safe,
    in words (month capitalised or not), with abbreviated months."""
    y, m, d = I.iso.split("-")
    style = rng.choice(styles)
    if style in ("short-dot", "short-slash") and not 1940 <= int(y) <= 2005:
        style = "slash"
    if style == "dot":
        s = "%s.%s.%s" % (d, m, y)
    elif style == "dash":
        s = "%s-%s-%s" % (d, m, y)
    elif style == "space":
        s = "%s %s %s" % (d, m, y)
    elif style == "short-dot":
        s = "%s.%s.%s" % (d, m, y[2:])
    elif style == "short-slash":
        s = "%s/%s/%s" % (d, m, y[2:])
    elif style == "iso":
        s = "%s-%s-%s" % (y, m, d)
    elif style == "compact":
        s = "%s%s%s" % (y, m, d)
    elif style == "words":
        s = M.fr_date(I.iso, "words")
    elif style == "words-cap":
        s = "%s %s %s" % ("1er" if d == "01" else str(int(d)), M.MONTHS[int(m) - 1].capitalize(), y)
    elif style == "abbr":
        s = "%s %s %s" % ("1er" if d == "01" else str(int(d)), _MOIS_ABR[int(m) - 1], y)
    else:  # slash
        s = "%s/%s/%s" % (d, m, y)
    return _nb(s)


DATE_ANY = ["slash", "slash", "slash", "dot", "dash", "space", "short-slash", "words", "words-cap", "abbr"]


def _ins(I, rng, styles):
    m = I.ins
    style = rng.choice(styles)
    if style == "grouped":
        s = " ".join([m[0], m[1:3], m[3:5], m[5:7], m[7:10], m[10:13], m[13:]])
    elif style == "cog":  # the birth place code kept whole
        s = " ".join([m[0], m[1:3], m[3:5], m[5:10], m[10:13], m[13:]])
    elif style == "slash-key":
        s = "%s/%s" % (m[:13], m[13:])
    elif style == "dash-key":
        s = "%s-%s" % (m[:13], m[13:])
    elif style == "grouped-cle":
        s = "%s clé %s" % (" ".join([m[0], m[1:3], m[3:5], m[5:7], m[7:10], m[10:13]]), m[13:])
    elif style == "dots":
        s = ".".join([m[0], m[1:3], m[3:5], m[5:7], m[7:10], m[10:13], m[13:]])
    else:  # plain
        s = m
    return _nb(s)


INS_ANY = ["grouped", "grouped", "plain", "plain", "cog", "slash-key", "dash-key", "grouped-cle", "dots"]


def _sex(I, rng, styles):
    f = I.sex == "F"
    return {"letter": "F" if f else "M", "word": "Féminin" if f else "Masculin", "person": "Femme" if f else "Homme",
            "lower": "féminin" if f else "masculin", "upper": "FÉMININ" if f else "MASCULIN",
            "abbr": "Fém." if f else "Masc."}[rng.choice(styles)]


def _place(I, rng, styles):
    code, name = I.place, I.place_name
    style = rng.choice(styles)
    if style == "code":
        return code
    if I.abroad:
        return rng.choice(["%s (%s)" % (name, code), "%s – %s" % (code, M.insi(name)), "%s, code %s" % (name, code)])
    if style == "code-first":
        return "%s %s" % (code, name)
    if style == "insee":
        return "%s (INSEE %s)" % (name, code)
    if style == "upper":
        return "%s (%s)" % (M.insi(name), code)
    if style == "bracket":
        return "%s [%s]" % (name, code)
    return "%s (%s)" % (name, code)


PLACE_ANY = ["paren", "paren", "code", "code-first", "insee", "upper", "bracket"]


def _born_at(I, rng):
    """' à Brest (29019)', ' au Maroc (99350)'."""
    code, name = I.place, I.place_name
    if I.abroad:
        return " %s %s (%s)" % ("au" if name in _AU else "en", name, code)
    return rng.choice([" à %s (%s)" % (name, code), " à %s, code INSEE %s" % (name, code)])


def _age(I):
    n = M.age_on(I.iso)
    if n < 3:
        y, m, d = (int(v) for v in I.iso.split("-"))
        months = (M.TODAY[0] - y) * 12 + M.TODAY[1] - m - (M.TODAY[2] < d)
        return "%d mois" % months
    return "%d ans" % n


def _mobile(rng):
    return _nb("0%d %02d %02d %02d %02d" % (rng.choice([6, 7]), rng.randint(0, 99), rng.randint(0, 99),
                                            rng.randint(0, 99), rng.randint(0, 99)))


def _fit(doc, texts, width, size, bold=False, floor=6.0):
    while size > floor and max(doc.sw(t, size, bold=bold) for t in texts) > width:
        size -= 0.5
    return size


def _person(rng, sex=None, family=None):
    """Someone who is not the patient: (civ, given, family)."""
    g = sex or rng.choice("FM")
    return ("Mme" if g == "F" else "M."), rng.choice(M.GIVEN_F if g == "F" else M.GIVEN_M), \
        (family or M.pick_surname(rng))


def _lines(doc, x, top, items, lead_f=1.0):
    """Draws (text, size, bold, italic, gray) lines from `top`; returns (bottom, widest)."""
    y = top
    widest = 0
    for t, sz, b, i, g in items:
        lead = doc.lead(sz) * lead_f
        y += lead * 0.8
        if t:
            widest = max(widest, doc.text(x, y, t, sz, bold=b, italic=i, gray=g))
        y += lead * 0.2
    return y, widest


def _wrap_items(doc, items, width):
    out = []
    for t, sz, b, i, g in items:
        for part in doc.wrap(t, width, sz, b, i) or [""]:
            out.append((part, sz, b, i, g))
    return out


def _rich_lines(doc, runs, width, size):
    """Breaks runs of (text, bold, italic) into lines of (word, bold, italic, x offset)."""
    words = []  # groups of (piece, bold, italic): a run that starts on punctuation sticks to the word before
    for text, b, i in runs:
        for k, w in enumerate(text.split(" ")):
            if not w:
                continue
            if k == 0 and words and not text.startswith(" ") and w[0] in ",.;:)]":
                words[-1].append((w, b, i))
            else:
                words.append([(w, b, i)])
    space = doc.sw(" ", size)
    lines, cur, x = [], [], 0.0
    for group in words:
        ww = sum(doc.sw(w, size, bold=b, italic=i) for w, b, i in group)
        if cur and x + ww > width:
            lines.append(cur)
            cur, x = [], 0.0
        for w, b, i in group:
            cur.append((w, b, i, x))
            x += doc.sw(w, size, bold=b, italic=i)
        x += space
    if cur:
        lines.append(cur)
    return lines


def _rich_para(doc, runs, size, x=None, right=None, keep=True, after=None):
    """A paragraph whose words change weight or slant (labels in bold, values plain…)."""
    x0 = doc.left if x is None else x
    lines = _rich_lines(doc, runs, (right or doc.right) - x0, size)
    lead = doc.lead(size)
    if keep:
        doc.need(lead * len(lines))
    for ln in lines:
        doc.need(lead)
        doc.y += lead * 0.8
        for w, b, i, dx in ln:
            doc.text(x0 + dx, doc.y, w, size, bold=b, italic=i)
        doc.y += lead * 0.2
    doc.y += size * 0.55 if after is None else after


def _checkbox(doc, x, y, size, ticked):
    """A box whose bottom sits on baseline y; an X inside when ticked."""
    b = size * 0.8
    doc.rect(x, y - b, b, b, lw=0.6)
    if ticked:
        doc.text(x + b / 2, y - b * 0.12, "X", b * 0.95, bold=True, align="centre")
    return b


def _barcode(doc, x, top, w, h, rng):
    """A decorative 1D code (as on admission labels); it encodes nothing."""
    xx = x
    c = doc.c
    while xx < x + w - 2:
        bw = rng.choice([0.6, 0.6, 1.2, 1.8])
        if rng.random() < 0.55:
            c.rect(xx, M.H - top - h, bw, h, stroke=0, fill=1)
        xx += bw + rng.choice([0.6, 1.2])
    doc.add_box((x, top, x + w, top + h))


def _round_frame(doc, x, top, w, h, radius=5, lw=0.6, fill=None):
    """A rounded frame whose inside stays free (only its edges are recorded as drawn)."""
    c = doc.c
    c.setLineWidth(lw)
    if fill is not None:
        c.setFillGray(fill)
    c.roundRect(x, M.H - top - h, w, h, radius, stroke=1, fill=1 if fill is not None else 0)
    c.setFillGray(0)
    for box in ((x, top - lw, x + w, top + lw), (x, top + h - lw, x + w, top + h + lw),
                (x - lw, top, x + lw, top + h), (x + w - lw, top, x + w + lw, top + h)):
        doc.add_box(box)


def _table_rows(doc, x, top, widths, rows, size, pad=3.0, head=(), fills=None, bold_cols=(), rules="all"):
    """A ruled table whose cells wrap; fills maps a (row, col) or a row to a grey. Returns the bottom."""
    lead = doc.lead(size)
    y = top
    fills = fills or {}
    for r, row in enumerate(rows):
        cells = []
        for i, cell in enumerate(row):
            b = r in head or i in bold_cols
            lines = []
            for part in str(cell).split("\n"):
                lines += doc.wrap(part, widths[i] - 2 * pad, size, b) or [""]
            cells.append((lines, b))
        h = lead * max(len(c[0]) for c in cells) + 2 * pad
        xx = x
        for i, (lines, b) in enumerate(cells):
            g = fills.get((r, i), fills.get(r))
            if g is not None:
                doc.c.setFillGray(g)
                doc.c.rect(xx, M.H - y - h, widths[i], h, stroke=0, fill=1)
                doc.c.setFillGray(0)
            if rules == "all":
                doc.rect(xx, y, widths[i], h, lw=0.4)
            yy = y + pad
            for t in lines:
                yy += lead * 0.8
                if t:
                    doc.text(xx + pad, yy, t, size, bold=b)
                yy += lead * 0.2
            xx += widths[i]
        if rules == "rows":
            doc.hline(x, x + sum(widths), y + h, 0.4, 0.5)
        y += h
    return y


def _rows_height(doc, widths, rows, size, pad=3.0, head=(), bold_cols=()):
    lead = doc.lead(size)
    h = 0
    for r, row in enumerate(rows):
        n = 1
        for i, cell in enumerate(row):
            b = r in head or i in bold_cols
            n = max(n, sum(len(doc.wrap(part, widths[i] - 2 * pad, size, b) or [""])
                           for part in str(cell).split("\n")))
        h += lead * n + 2 * pad
    return h


def _home(L):
    return L.patient["home"]


def _oid(rng):
    return rng.choice(["OID %s", "(OID %s)", "OID : %s", "autorité %s"]) % M.TEST_OID


# The DataMatrix slot some identity blocks keep free for the code, when the letter places it there.


def _slot_wanted(doc):
    L = doc.letter
    return bool(L.dm) and L.dm_pos == "h-id-slot"


def _slot_dims(doc):
    """(side of the code, its quiet margin, the width and height to keep free)."""
    L = doc.letter
    s = L.dm_mm * 72 / 25.4
    m = max(5, s / 9) + 2.5
    return s, m, s + 2 * m, s + (9 if L.dm_caption else 0) + 2 * m


def _slot_set(doc, x, top):
    """Records the code's top left corner, (x, top) being the corner of the kept room."""
    s, m, _, _ = _slot_dims(doc)
    doc.h_slot = (doc.page, x + m, top + m)


# ---------------------------------------------------------------------------------------------
# Identity


def id_cda_header(doc, I, rng):
    """The header of a structured document as a viewer renders it: a two-column table with a grey
    label column, the identifiers cell listing each identifier with its assigning authority."""
    L = doc.letter
    size = max(7.5, I.size - 0.5)
    civ = I.civ(rng, rng.choice(["long", "short"]))
    given = I.first_names(rng, rng.choice(["all", "all", "first"]))
    fam = I.used or I.birth
    rows = [(rng.choice(["Patient", "Patient(e)", "Personne prise en charge"]),
             rng.choice(["%s %s %s" % (civ, given, fam), "%s %s %s" % (civ, fam, given)]))]
    if I.used:
        rows.append((rng.choice(["Nom de naissance", "Nom de famille (naissance)"]), I.birth))
    rows.append(("Date de naissance", _date(I, rng, ["words", "words", "slash", "iso", "compact", "dot"])))
    rows.append(("Sexe", _sex(I, rng, ["word", "word", "letter"])))
    if I.place:
        rows.append(("Lieu de naissance", _place(I, rng, ["paren", "code", "insee", "code-first"])))
    ids = []
    if I.ins:
        label = rng.choice(["INS-NIR", "Matricule INS", "INS"])
        v = _ins(I, rng, ["plain", "plain", "grouped", "slash-key"])
        if I.oid:
            ids.append(rng.choice(["%s : %s (%s)" % (label, v, M.TEST_OID), "%s : %s [%s]" % (M.TEST_OID, v, label)]))
        else:
            ids.append("%s : %s" % (label, v))
    if I.ipp:
        root = "1.2.250.1.%d.1.%d.%d" % (rng.randint(100, 999), rng.randint(1, 9), rng.randint(1, 4))
        ids.append(rng.choice(["IPP : %s (%s)", "Identifiant local : %s [%s]"]) % (I.ipp, root))
        I.uses.add("ipp")
        L.traps.append("local-oid")
    if ids:
        rows.append((rng.choice(["Identifiants", "Identifiant(s)"]), "\n".join(ids)))
    if rng.random() < 0.5:
        street, pc, city = _home(L)
        rows.append(("Adresse", _nb(street) + ", " + _nb("%s %s" % (pc, city))))
        L.traps.append("home-address")
    a = L.author
    rows.append((rng.choice(["Auteur", "Rédigé par"]), "%s %s %s, %s" % ("Pr" if a.title == "PR" else "Dr", a.given,
                                                                           a.family, M.service_of(a.service))))
    rows.append(("Date du document", _nb("%02d/11/2026 %02d:%02d" % (rng.randint(2, 23), rng.randint(8, 18),
                                                                     rng.randint(0, 59)))))
    x0 = doc.left
    slot = _slot_wanted(doc)
    sw, shh = (_slot_dims(doc)[2], _slot_dims(doc)[3]) if slot else (0, 0)
    width = doc.right - x0 - (sw + 4 if slot else 0)
    lw = max(doc.sw(lb, size, bold=True) for lb, _ in rows) + 12
    widths = [lw, width - lw]
    title = rng.choice(["Informations administratives", "En-tête du document", "Données administratives"])
    h = _rows_height(doc, widths, rows, size, bold_cols=(0,)) + doc.lead(size) + 8
    doc.need(max(h, shh) + 10)
    doc.mark("identity")
    doc.line(title, size + 0.5, bold=True, gray=0.25)
    top = doc.y + 2
    fills = {(r, 0): 0.86 for r in range(len(rows))}
    bottom = _table_rows(doc, x0, top, widths, [[lb, v] for lb, v in rows], size, fills=fills,
                         bold_cols=(0,), rules=rng.choice(["all", "rows"]))
    doc.unmark()
    if slot:
        _slot_set(doc, doc.right - sw, top)
        bottom = max(bottom, top + shh)
    doc.y = bottom + I.size


def id_birth_sections(doc, I, rng):
    """Stacked sections under heading bars, two fields a line: the patient, then the person the
    stay also concerns (the newborn of a maternity stay, a child's parent, a person of trust)."""
    L = doc.letter
    size = max(7.5, I.size - 0.5)
    f = I.sex == "F"
    pat = [("Nom de naissance", I.birth)]
    if I.used:
        pat.append((rng.choice(["Nom d'usage", "Nom utilisé", "Nom d'épouse" if f else "Nom d'usage"]), I.used))
    pat.append((rng.choice(["Prénoms", "Prénom(s)"]), I.first_names(rng, rng.choice(["all", "all-comma"]))))
    pat.append((I.born_label(rng), _date(I, rng, DATE_ANY)))
    pat.append(("Âge", _age(I)))
    pat.append(("Sexe", _sex(I, rng, ["letter", "word"])))
    if I.place:
        pat.append(("Lieu de naissance", _place(I, rng, PLACE_ANY)))
    if I.ins:
        pat.append((rng.choice(["Matricule INS", "INS"]), _ins(I, rng, INS_ANY)))
        if I.oid:
            pat.append(("OID", M.TEST_OID))
    other = []
    fam = I.used or I.birth
    if f and not I.child:
        head_p, head_o = rng.choice([("LA MÈRE", "LE NOUVEAU-NÉ"), ("Patiente", "Nouveau-né"),
                                     ("IDENTITÉ DE LA PARTURIENTE", "ENFANT")])
        sex = rng.choice("FM")
        d = rng.randint(2, 20)
        other = [("Nom", fam), ("Prénom", rng.choice(M.GIVEN_F if sex == "F" else M.GIVEN_M)),
                 ("Né(e) le", _nb("%02d/11/2026 à %02dh%02d" % (d, rng.randint(0, 23), rng.randint(0, 59)))),
                 ("Sexe", sex), ("Poids de naissance", _nb("%d g" % rng.randint(2500, 4300))),
                 ("Terme", _nb("%d SA + %d j" % (rng.randint(37, 41), rng.randint(0, 6)))),
                 ("Apgar", "%d/%d/%d" % (rng.randint(7, 10), rng.randint(8, 10), 10))]
        if rng.random() < 0.6:
            other.append(("IPP enfant", "%08d" % rng.randint(1, 10 ** 8 - 1)))
        pat.append(("Gestité / parité", "G%dP%d" % (rng.randint(1, 4), rng.randint(1, 3))))
        L.traps.append("newborn")
    elif I.child:
        head_p, head_o = rng.choice([("ENFANT", "REPRÉSENTANT LÉGAL"), ("Enfant", "Parent"),
                                     ("PATIENT(E)", "TITULAIRE DE L'AUTORITÉ PARENTALE")])
        if I.insured:
            ins = I.insured
            other = [("Nom", ins["family"]), ("Prénom", ins["given"]),
                     ("Lien", "Mère" if ins["civ"] == "Mme" else "Père"),
                     ("N° de sécurité sociale", _nb(M.ins_format(ins["nir"], rng.choice(["grouped", "plain"]))))]
        else:
            civ, given, pfam = _person(rng, family=I.birth)
            other = [("Nom", pfam), ("Prénom", given), ("Lien", "Mère" if civ == "Mme" else "Père")]
        other.append(("Téléphone", _mobile(rng)))
    else:
        head_p, head_o = rng.choice([("PATIENT", "PERSONNE DE CONFIANCE"), ("Patient", "Personne à prévenir")])
        civ, given, pfam = _person(rng)
        other = [("Nom", pfam), ("Prénom", given), ("Lien", rng.choice(["épouse", "conjointe", "fille", "fils",
                                                                       "frère", "ami(e)"])),
                 ("Téléphone", _mobile(rng))]
    L.traps.append("other-person")
    if I.ipp and rng.random() < 0.6:
        pat.append(("IPP", I.ipp))
        I.uses.add("ipp")
    x0 = doc.left
    width = doc.right - x0
    half = width / 2
    lead = doc.lead(size)
    sep = rng.choice([" : ", " : ", " "])

    def layout(rows):
        """Pairs of fields a line; a long field takes a line alone."""
        lines, cur = [], []
        for lb, v in rows:
            wide = doc.sw(lb + sep + v, size) + doc.sw(lb, size) * 0.1 > half - 8
            if wide:
                if cur:
                    lines.append(cur)
                    cur = []
                lines.append([(lb, v)])
                continue
            cur.append((lb, v))
            if len(cur) == 2:
                lines.append(cur)
                cur = []
        if cur:
            lines.append(cur)
        return lines

    sections = [(head_p, layout(pat), True), (head_o, layout(other), False)]
    total = sum(lead * 1.4 + lead * len(ls) + 6 for _, ls, _ in sections)
    doc.need(total + 8)
    bar = rng.choice([0.25, 0.45])
    for title, lines, is_patient in sections:
        if is_patient:
            doc.mark("identity")
        top = doc.y
        h = lead * 1.3
        doc.rect(x0, top, width, h, lw=0.3, fill=0.88, stroke=False)
        doc.rect(x0, top, 3, h, lw=0.1, fill=bar, stroke=False)
        doc.text(x0 + 8, top + h - 4, title, size, bold=True)
        doc.y = top + h + 2
        for pairs in lines:
            doc.y += lead * 0.8
            for k, (lb, v) in enumerate(pairs):
                x = x0 + 6 + k * half
                w = doc.text(x, doc.y, lb + sep, size - 0.5, gray=0.35)
                vs = _fit(doc, [v], (width if len(pairs) == 1 else half) - w - 12, size, bold=is_patient)
                doc.text(x + w, doc.y, v, vs, bold=is_patient)
            doc.y += lead * 0.2
        if is_patient:
            doc.unmark()
        doc.y += 6
    doc.gap(I.size * 0.4)


def id_split_corner_foot(doc, I, rng):
    """Opposite the letterhead only the name, the birth date and the sex; the INS and the birth
    place in a framed strip at the foot of the first page."""
    W, H = M.W, M.H
    size = max(7.5, min(I.size, 10))
    given = I.first_names(rng, rng.choice(["all", "first"]))
    civ = I.civ(rng, rng.choice(["upper", "short", "long"]))
    fam = I.used or I.birth
    lines = [(rng.choice(["Patient(e)", "Votre patient(e)", "Réf. patient"]), size - 1.5, False, True, 0.35),
             ("%s %s %s" % (civ, fam, given), size + 0.5, True, False, 0)]
    if I.used:
        lines.append(("%s %s" % (I.born(), I.birth), size, False, False, 0))
    lines.append(("%s %s  –  %s" % (I.born_label(rng), _date(I, rng, DATE_ANY), _sex(I, rng, ["letter", "word"])),
                  size, False, False, 0))
    x = rng.choice([330, 345, 360])
    limit = W - 36
    widest = max(doc.sw(t, sz, bold=b, italic=i) for t, sz, b, i, _ in lines)
    if x + widest > limit:
        x = max(W / 2 + 8, limit - widest)
    k = 0
    while x + max(doc.sw(t, sz - k, bold=b, italic=i) for t, sz, b, i, _ in lines) > limit and k < 2.5:
        k += 0.5
    lines = _wrap_items(doc, [(t, sz - k, b, i, g) for t, sz, b, i, g in lines], limit - x)
    top = rng.choice([40, 48, 56])
    doc.mark("identity")
    bottom, _ = _lines(doc, x, top, lines)
    doc.unmark()
    parts = []
    if I.ins:
        parts.append(rng.choice(["Identifiant national de santé (INS) : ", "Matricule INS : ", "INS : "]) +
                     _ins(I, rng, INS_ANY))
        if I.oid:
            parts.append(_oid(rng))
    if I.place:
        parts.append(rng.choice(["Lieu de naissance : ", "Né(e) à : "]) + _place(I, rng, PLACE_ANY))
    if I.ipp and rng.random() < 0.5:
        parts.append("IPP : " + I.ipp)
        I.uses.add("ipp")
    if parts:
        text = "   ".join(parts)
        head = rng.choice(["Identité", "Identification", "Patient(e)"])
        st = doc.st
        normal = st.bottom
        st.bottom = min(st.bottom, H - 116)

        def foot(d):
            if d.page != 1:
                return
            x0 = d.left if d.left < 100 else 45
            x1 = d.right
            sz = 7.5
            hw = d.sw(head, sz, bold=True) + 12
            lns = d.wrap(text, x1 - x0 - hw - 8, sz)
            while len(lns) > 2 and sz > 6:
                sz -= 0.5
                lns = d.wrap(text, x1 - x0 - hw - 8, sz)
            lead = sz * 1.3
            hh = lead * len(lns) + 6
            top_ = H - 80 - hh
            d.rect(x0, top_, x1 - x0, hh, lw=0.5)
            d.vline(x0 + hw, top_, top_ + hh, 0.4)
            d.text(x0 + 5, top_ + 3 + lead * 0.8, head, sz, bold=True)
            y = top_ + 3
            for ln in lns:
                y += lead * 0.8
                d.text(x0 + hw + 5, y, ln, sz)
                y += lead * 0.2

        def restore(d):
            d.st.bottom = normal

        doc.page_end.insert(0, foot)
        doc.page_start.append(restore)
    return bottom + size


def id_asterisk_header(doc, I, rng):
    """A patient header as German-born hospital systems print it: 'NOM, Prénom' in bold, the birth
    date after an asterisk, the case and patient numbers, between a thick and a thin rule."""
    L = doc.letter
    size = I.size
    given = I.first_names(rng, rng.choice(["all", "first", "all-comma"]))
    name = "%s, %s" % (I.birth, given)
    if I.used:
        name = rng.choice(["%s, %s (%s %s)" % (I.used, given, I.born(), I.birth),
                           "%s, %s – ép. %s" % (I.birth, given, I.used) if I.sex == "F" else
                           "%s, %s – usage %s" % (I.birth, given, I.used)])
    star = "* " + _date(I, rng, ["dot", "dot", "slash", "short-dot"])
    l1 = [(name, True), ("  " + star + " (%s)" % _age(I), False), ("  " + _sex(I, rng, ["letter", "letter", "abbr"]),
                                                                    False)]
    l2 = []
    if I.place:
        l2.append(rng.choice(["Lieu de naissance ", "Lieu naiss. ", "Naissance : "]) + _place(I, rng, PLACE_ANY))
    if I.ins:
        l2.append("INS " + _ins(I, rng, INS_ANY))
        if I.oid:
            l2.append(_oid(rng))
    l3 = []
    if I.nda:
        l3.append(rng.choice(["N° de cas ", "Cas n° ", "N° séjour "]) + I.nda)
        I.uses.add("nda")
    else:
        l3.append("N° de cas %d%06d" % (rng.choice([25, 26]), rng.randint(0, 999999)))
        L.traps.append("case-number")
    if I.ipp:
        l3.append(rng.choice(["N° patient ", "Pat.-n° ", "IPP "]) + I.ipp)
        I.uses.add("ipp")
    l3.append(rng.choice(["UF ", "Unité "]) + "%04d" % rng.randint(1000, 9999))
    x0 = doc.left
    slot = _slot_wanted(doc)
    sw = _slot_dims(doc)[2] if slot else 0
    avail = doc.right - x0 - sw - 4
    small = max(6.5, size - 1)
    cap = rng.choice(["Patient", "PATIENT", "Patient/e"])
    t1 = "".join(t for t, _ in l1)
    s1 = _fit(doc, [t1], avail, size + 1, bold=True)
    rest = _wrap_items(doc, [("   ".join(l2), size, False, False, 0), ("   ".join(l3), small, False, False, 0.3)],
                       avail)
    rest = [r for r in rest if r[0]]
    h = doc.lead(small) + doc.lead(s1) + sum(doc.lead(r[1]) for r in rest) + 8
    if slot:
        h = max(h, _slot_dims(doc)[3] + 4)
    doc.need(h + 10)
    top = doc.y
    doc.mark("identity")
    doc.hline(x0, doc.right, top, 1.6)
    y = top + 2 + doc.lead(small) * 0.8
    doc.text(x0, y, cap, small, gray=0.45)
    y += doc.lead(small) * 0.2 + doc.lead(s1) * 0.8
    x = x0
    for t, b in l1:
        x += doc.text(x, y, t, s1, bold=b)
    y += doc.lead(s1) * 0.2
    bottom, _ = _lines(doc, x0, y, rest)
    if slot:
        _, _, w, hh = _slot_dims(doc)
        _slot_set(doc, doc.right - w, top + 2)
        bottom = max(bottom, top + 2 + hh)
    doc.unmark()
    doc.hline(x0, doc.right, bottom + 3, 0.4)
    doc.y = bottom + 3 + size


def id_consent(doc, I, rng):
    """A framed consent form: 'Je soussigné(e)' and the traits set in bold inside the sentence,
    then the place and date and two signature spaces."""
    L = doc.letter
    a = L.author
    size = max(7.5, I.size - 0.5)
    f = I.sex == "F"
    given = I.first_names(rng, rng.choice(["all", "all", "first"]))
    act = rng.choice(["l'intervention proposée", "l'examen sous anesthésie", "la coloscopie programmée",
                      "la ponction lombaire", "la transfusion de produits sanguins"])
    runs = []
    if I.child:
        civ, pg, pf = _person(rng, family=I.birth)
        if I.insured:
            ins = I.insured
            civ, pg, pf = ins["civ"], ins["given"], ins["family"]
        runs += [("Je soussigné%s, " % ("e" if civ == "Mme" else ""), False, False),
                 ("%s %s %s" % (civ, pf, pg), True, False),
                 (", agissant en qualité de représentant%s légal%s de l'enfant " % (("e", "e") if civ == "Mme"
                                                                                  else ("", "")), False, False)]
        L.traps.append("other-person")
        who = "%s %s" % (I.birth, given)
    else:
        runs.append(("Je soussigné%s, " % ("e" if f else ""), False, False))
        who = "%s %s" % (I.birth, given)
        if I.used:
            who = "%s %s %s %s" % (I.used, I.born(), I.birth, given) if rng.random() < 0.5 else \
                "%s %s (nom d'usage %s)" % (I.birth, given, I.used)
    runs.append((_nb(who) if len(who) < 40 else who, True, False))
    runs.append((", %s le " % I.born(), False, False))
    runs.append((_date(I, rng, ["slash", "words", "dot"]), True, False))
    if I.place:
        runs.append((" à ", False, False))
        runs.append((_place(I, rng, ["paren", "upper", "insee"]), True, False))
    runs.append((", de sexe ", False, False))
    runs.append((_sex(I, rng, ["lower", "letter"]), True, False))
    if I.ins:
        runs.append((", matricule INS ", False, False))
        runs.append((_ins(I, rng, INS_ANY), True, False))
        if I.oid:
            runs.append((" (OID %s)" % M.TEST_OID, False, False))
    runs.append((", déclare avoir reçu du %s %s %s une information claire et loyale sur %s, ses bénéfices et "
                 "ses risques, et y consentir." % ("Pr" if a.title == "PR" else "Dr", a.given, a.family, act),
                 False, False))
    title = rng.choice(["CONSENTEMENT ÉCLAIRÉ", "Attestation d'information et de consentement",
                        "CONSENTEMENT AUX SOINS"])
    x0 = doc.left
    width = doc.right - x0
    lines = _rich_lines(doc, runs, width - 16, size)
    lead = doc.lead(size)
    h = lead * (len(lines) + 5) + 14
    doc.need(h + 8)
    top = doc.y
    doc.mark("identity")
    doc.rect(x0, top, width, h, lw=0.7)
    y = top + 4 + lead * 0.8
    doc.text(x0 + width / 2, y, title, size + 0.5, bold=True, align="centre")
    y += lead * 0.2 + 4
    for ln in lines:
        y += lead * 0.8
        for w, b, i, dx in ln:
            doc.text(x0 + 8 + dx, y, w, size, bold=b, italic=i)
        y += lead * 0.2
    doc.unmark()
    y += lead * 0.8 + 2
    doc.text(x0 + 8, y, "Fait à %s, le %s" % (M.title_city(L.hospital["city"][2]),
                                             _nb("%02d/11/2026" % rng.randint(2, 23))), size)
    y += lead * 0.2 + lead * 0.8
    w = doc.text(x0 + 8, y, rng.choice(["Signature du patient", "Signature du patient ou de son représentant"]),
                 size - 1, italic=True)
    doc.text(max(x0 + width / 2 + 10, x0 + 8 + w + 24), y, "Signature du médecin", size - 1, italic=True)
    doc.y = top + h + I.size * 0.6


def id_results_corner(doc, I, rng):
    """A cumulative results table whose top-left cell holds the patient; the other header cells
    hold the sampling dates."""
    L = doc.letter
    size = max(7, I.size - 1)
    lines = [(I.used or I.birth) + " " + I.first_names(rng, rng.choice(["all", "first"]))]
    if I.used:
        lines.append("%s %s" % (I.born(), I.birth))
    lines.append("%s %s (%s)" % (rng.choice(["Né(e) le", I.born().capitalize() + " le", "DDN"]),
                                 _date(I, rng, ["slash", "dot", "space"]), _sex(I, rng, ["letter"])))
    if I.place:
        lines.append("Lieu naiss. " + _place(I, rng, PLACE_ANY))
    if I.ins:
        lines.append("INS " + _ins(I, rng, INS_ANY))
        if I.oid:
            lines.append("OID " + M.TEST_OID)
    if I.ipp and rng.random() < 0.5:
        lines.append("Dossier " + I.ipp)
        I.uses.add("ipp")
    days = sorted(rng.sample(range(2, 22), rng.choice([2, 3])))
    dates = [_nb("%02d/11/2026" % d) for d in days]
    tests = rng.sample([("Hémoglobine", "g/dL", "12,0 – 16,0", 10.5, 15.5), ("Leucocytes", "G/L", "4,0 – 10,0", 3, 12),
                        ("Plaquettes", "G/L", "150 – 400", 140, 420), ("Sodium", "mmol/L", "136 – 145", 132, 146),
                        ("Potassium", "mmol/L", "3,5 – 5,0", 3.3, 5.4), ("Créatinine", "µmol/L", "45 – 90", 50, 140),
                        ("CRP", "mg/L", "< 5", 1, 80), ("Glycémie", "mmol/L", "3,9 – 5,8", 4, 9)],
                       rng.choice([4, 5, 6]))
    corner = "\n".join(lines)
    head = [corner] + dates + ["Unité", rng.choice(["Réf.", "Valeurs de réf."])]
    rows = [head]
    for name, unit, ref, lo, hi in tests:
        vals = [("%.1f" % rng.uniform(lo, hi)).replace(".", ",") for _ in dates]
        rows.append([name] + vals + [unit, ref])
    L.traps.append("stay-dates")
    x0 = doc.left
    width = doc.right - x0
    n = len(dates) + 2
    while True:
        cols = [max(doc.sw(r[i], size, bold=(j == 0)) for j, r in enumerate(rows)) + 8 for i in range(1, n + 1)]
        cw = width - sum(cols)
        if cw >= width * 0.34 or size <= 6:
            break
        size -= 0.5
    widths = [cw] + cols
    h = _rows_height(doc, widths, rows, size, head=(0,))
    doc.need(h + 10)
    top = doc.y
    doc.mark("identity")
    fills = {(0, i): 0.9 for i in range(1, n + 1)}
    bottom = _table_rows(doc, x0, top, widths, rows, size, head=(0,), fills=fills)
    doc.unmark()
    doc.y = bottom + I.size


def id_compare_columns(doc, I, rng):
    """Identity-vigilance view: for each trait, the national identity returned by the INS service
    beside the identity of the local file, with the status of the identity under the table."""
    size = max(7, I.size - 1)
    firsts_all = I.first_names(rng, "all")
    first = I.firsts[0]
    ins_ok = bool(I.ins)
    dash = rng.choice(["—", "-", "(vide)"])
    rows = [["Trait", rng.choice(["Identité INS (téléservice INSi)", "Retour INSi", "Identité nationale (INS)"]),
             rng.choice(["Identité locale", "Dossier local", "Identité de l'établissement"])]]
    rows.append(["Nom de naissance", M.insi(I.birth) if ins_ok else dash, I.birth])
    rows.append([rng.choice(["Prénom(s) de naissance", "Liste des prénoms"]), M.insi(firsts_all) if ins_ok else dash,
                 firsts_all])
    rows.append(["Nom utilisé", dash, I.used or I.birth])
    rows.append(["Prénom utilisé", dash, first])
    d = _date(I, rng, ["slash", "slash", "dot"])
    rows.append(["Date de naissance", d if ins_ok else dash, d])
    rows.append(["Sexe", _sex(I, rng, ["letter"]) if ins_ok else dash, _sex(I, rng, ["word", "letter"])])
    if I.place:
        rows.append([rng.choice(["Lieu de naissance (code)", "Code lieu de naissance"]),
                     I.place if ins_ok else dash, _place(I, rng, ["paren", "insee", "code-first"])])
    if ins_ok:
        rows.append(["Matricule INS", _ins(I, rng, INS_ANY), dash])
        if I.oid:
            rows.append(["OID", M.TEST_OID, dash])
    if I.ipp and rng.random() < 0.6:
        rows.append(["IPP", dash, I.ipp])
        I.uses.add("ipp")
    x0 = doc.left
    slot = _slot_wanted(doc)
    sw, shh = (_slot_dims(doc)[2], _slot_dims(doc)[3]) if slot else (0, 0)
    width = doc.right - x0 - (sw + 4 if slot else 0)
    lw = max(doc.sw(r[0], size, bold=True) for r in rows) + 8
    widths = [lw, (width - lw) / 2, (width - lw) / 2]
    status = rng.choice(["Statut : identité qualifiée", "Identité qualifiée – INS vérifié le %s" %
                         _nb("%02d/11/2026" % rng.randint(2, 20))]) if ins_ok else \
        rng.choice(["Statut : identité provisoire (INS non retrouvé)", "Identité provisoire"])
    h = _rows_height(doc, widths, rows, size, head=(0,), bold_cols=(0,)) + doc.lead(size) * 2
    doc.need(max(h, shh) + 10)
    doc.mark("identity")
    fills = {0: 0.85}
    top = doc.y
    bottom = _table_rows(doc, x0, top, widths, rows, size, head=(0,), bold_cols=(0,), fills=fills)
    doc.unmark()
    if slot:
        _slot_set(doc, doc.right - sw, top)
    doc.y = bottom
    doc.line(status, size, italic=True)
    if slot:
        doc.y = max(doc.y, top + shh)
    doc.gap(I.size * 0.6)


def id_corner_label(doc, I, rng):
    """A patient label at the bottom right of the first page, a rounded grey frame with a small
    caption over it, the body stopping above it."""
    W, H = M.W, M.H
    size = rng.choice([7, 7.5, 8])
    font = _block_font(rng, 0.5)
    given = I.first_names(rng, rng.choice(["all", "first"]))
    lines = [("%s %s" % (I.birth, given), True)]
    if I.used:
        lines.append(("%s %s" % ("ép." if I.sex == "F" and rng.random() < 0.5 else "usage :", I.used), False))
    lines.append(("%s %s  %s" % (rng.choice(["Né(e) le", "DDN"]), _date(I, rng, ["slash", "dot", "short-slash"]),
                                 _sex(I, rng, ["letter"])), False))
    if I.place:
        lines.append(("LN " + _place(I, rng, ["code", "paren", "code-first"]), False))
    if I.ins:
        lines.append(("INS " + _ins(I, rng, ["grouped", "plain", "cog"]), False))
        if I.oid:
            lines.append(("OID " + M.TEST_OID, False))
    if I.ipp:
        lines.append(("IPP " + I.ipp, False))
        I.uses.add("ipp")
    if I.nda and rng.random() < 0.5:
        lines.append(("NDA " + I.nda, False))
        I.uses.add("nda")
    cap = rng.choice(["Étiquette patient", "ÉTIQUETTE", "Identification du patient"])
    slot = _slot_wanted(doc)
    st = doc.st
    with _Face(doc, font):
        sz = size
        tw = max(doc.sw(t, sz, bold=b) for t, b in lines)
        while tw > 210 and sz > 6:
            sz -= 0.5
            tw = max(doc.sw(t, sz, bold=b) for t, b in lines)
    lead = sz * 1.25
    sw, shh = (_slot_dims(doc)[2], _slot_dims(doc)[3]) if slot else (0, 0)
    w = tw + 16 + sw
    h = max(lead * len(lines) + 10, shh + 4)
    x1 = (W - 40) if st.right > W - 60 else st.right
    x0 = x1 - w
    bottom = H - 62
    top = bottom - h
    st.bottom = min(st.bottom, top - 16)
    normal = H - 66

    def foot(d):
        if d.page != 1:
            return
        with _Face(d, font):
            d.mark("identity")
            d.text(x0 + 2, top - 4, cap, 6, italic=True, gray=0.4)
            _round_frame(d, x0, top, w, h, radius=6, lw=0.5)
            y = top + 5
            for t, b in lines:
                y += lead * 0.8
                d.text(x0 + 8, y, t, sz, bold=b)
                y += lead * 0.2
            d.unmark()
            if slot:
                _slot_set(d, x0 + w - sw - 2, top + 2)

    def restore(d):
        d.st.bottom = normal

    doc.page_end.insert(0, foot)
    doc.page_start.append(restore)


def id_online_form(doc, I, rng):
    """What the patient typed in an online pre-admission form: each question in small grey type,
    the answer in bold under it, the questions in two columns."""
    L = doc.letter
    size = max(7.5, I.size - 0.5)
    qs = [(rng.choice(["Nom de naissance (nom de famille)", "Votre nom de naissance"]), I.birth)]
    if I.used:
        qs.append((rng.choice(["Nom utilisé (si différent)", "Votre nom d'usage"]), I.used))
    qs.append((rng.choice(["Prénom(s) de naissance, dans l'ordre de l'état civil", "Vos prénoms (tous)"]),
               I.first_names(rng, rng.choice(["all", "all-comma"]))))
    hint = rng.choice(["Date de naissance (JJ/MM/AAAA)", "Votre date de naissance"])
    qs.append((hint, _date(I, rng, ["slash"] if "JJ" in hint else ["slash", "words", "dot"])))
    qs.append((rng.choice(["Sexe (tel qu'indiqué à l'état civil)", "Sexe"]), _sex(I, rng, ["word", "person"])))
    if I.place:
        qs.append((rng.choice(["Commune ou pays de naissance", "Lieu de naissance"]), _place(I, rng, PLACE_ANY)))
    if I.ins:
        qs.append((rng.choice(["Matricule INS (si connu)", "Identifiant national de santé (INS)"]),
                   _ins(I, rng, INS_ANY)))
        if I.oid:
            qs.append(("OID", M.TEST_OID))
    qs.append((rng.choice(["Téléphone portable", "Numéro de mobile"]), _mobile(rng)))
    L.traps.append("phone")
    head = "%s %s" % (rng.choice(["Pré-admission en ligne – informations saisies le",
                                  "Formulaire de pré-admission complété le"]),
                      _nb("%02d/11/2026" % rng.randint(2, 20)))
    x0 = doc.left
    width = doc.right - x0
    colw = (width - 14) / 2
    small = max(6.5, size - 1.5)
    items = []
    for q, a in qs:
        qq = doc.wrap(q, colw - 6, small)
        aa = doc.wrap(a, colw - 14, size, True)
        items.append((qq, aa))
    lq, la = doc.lead(small), doc.lead(size)
    hts = [lq * len(q) + la * len(a) + 4 for q, a in items]
    half = (len(items) + 1) // 2
    cols = [items[:half], items[half:]]
    ch = [sum(hts[:half]), sum(hts[half:])]
    h = max(ch) + doc.lead(size) * 1.3 + 10
    doc.need(h + 8)
    top = doc.y
    doc.mark("identity")
    doc.text(x0, top + doc.lead(size) * 0.8, head, size, bold=True)
    y0 = top + doc.lead(size) * 1.3 + 2
    doc.hline(x0, doc.right, y0, 0.4, 0.4)
    for c, col in enumerate(cols):
        x = x0 + c * (colw + 14)
        y = y0 + 2
        for qq, aa in col:
            for t in qq:
                y += lq * 0.8
                doc.text(x, y, t, small, gray=0.45)
                y += lq * 0.2
            for t in aa:
                y += la * 0.8
                doc.text(x + 8, y, t, size, bold=True)
                y += la * 0.2
            y += 4
    doc.unmark()
    doc.y = y0 + max(ch) + 6 + I.size * 0.5


def id_bold_label_run(doc, I, rng):
    """One paragraph, no punctuation between fields: each label in bold small capitals, its value
    plain after it."""
    size = I.size
    upper = rng.random() < 0.6
    pairs = [(rng.choice(["Nom de naissance", "Nom naissance"]), I.birth)]
    if I.used:
        pairs.append(("Nom utilisé", I.used))
    if len(I.firsts) > 1 and rng.random() < 0.5:
        pairs.append(("Premier prénom", I.firsts[0]))
        pairs.append(("Prénoms", I.first_names(rng, "all")))
    else:
        pairs.append((rng.choice(["Prénoms", "Prénom(s)"]), I.first_names(rng, rng.choice(["all", "first"]))))
    pairs.append((rng.choice(["Date de naissance", "Né(e) le"]), _date(I, rng, DATE_ANY)))
    pairs.append(("Sexe", _sex(I, rng, ["letter", "word"])))
    if I.place:
        pairs.append(("Lieu de naissance", _place(I, rng, PLACE_ANY)))
    if I.ins:
        pairs.append((rng.choice(["Matricule INS", "INS"]), _ins(I, rng, INS_ANY)))
        if I.oid:
            pairs.append(("OID", M.TEST_OID))
    if rng.random() < 0.3:
        i = rng.randrange(1, len(pairs))
        pairs = [pairs[0]] + pairs[i:] + pairs[1:i]
    runs = []
    for lb, v in pairs:
        runs.append(((M.insi(lb) if upper else lb), True, False))
        runs.append((_nb(v) if len(v) < 36 else v, False, False))
    lsize = size
    doc.mark("identity")
    doc.gap(2)
    _rich_para(doc, runs, lsize, keep=True, after=0)
    doc.unmark()
    doc.gap(size)


def id_decimal_numbered(doc, I, rng):
    """A numbered form: '1. Identification du patient', fields numbered 1.1, 1.2…, then a second
    section about the stay numbered 2.1, 2.2."""
    L = doc.letter
    size = max(7.5, I.size - 0.5)
    f1 = [("Nom de naissance", I.birth)]
    if I.used:
        f1.append(("Nom utilisé", I.used))
    f1.append((rng.choice(["Prénom(s)", "Prénoms de naissance"]), I.first_names(rng, rng.choice(["all",
                                                                                              "all-comma"]))))
    f1.append(("Date de naissance", _date(I, rng, DATE_ANY)))
    f1.append(("Sexe", _sex(I, rng, ["letter", "word", "upper"])))
    if I.place:
        f1.append(("Lieu de naissance", _place(I, rng, PLACE_ANY)))
    if I.ins:
        f1.append((rng.choice(["Matricule INS", "Identifiant national de santé"]), _ins(I, rng, INS_ANY)))
        if I.oid:
            f1.append(("OID de l'INS", M.TEST_OID))
    d1 = rng.randint(2, 15)
    f2 = [(rng.choice(["Date d'entrée", "Admission le"]), _nb("%02d/11/2026" % d1))]
    if I.nda:
        f2.append(("N° de séjour", I.nda))
        I.uses.add("nda")
    if I.ipp:
        f2.append(("IPP", I.ipp))
        I.uses.add("ipp")
    f2.append(("Mode d'entrée", rng.choice(["domicile", "urgences", "transfert", "mutation interne"])))
    L.traps.append("stay-dates")
    sections = [(rng.choice(["IDENTIFICATION DU PATIENT", "Identité du patient"]), f1),
                (rng.choice(["SÉJOUR", "Informations de séjour"]), f2)]
    start = rng.choice([1, 1, 2])
    x0 = doc.left
    slot = _slot_wanted(doc)
    sw, shh = (_slot_dims(doc)[2], _slot_dims(doc)[3]) if slot else (0, 0)
    right = doc.right - (sw + 4 if slot else 0)
    lead = doc.lead(size)
    numw = doc.sw("%d.10" % (start + 1), size) + 8
    labw = max(doc.sw(lb + " :", size) for _, fs in sections for lb, _ in fs) + 10
    if labw + numw > (right - x0) * 0.5:
        labw = (right - x0) * 0.5 - numw
    n = sum(len(fs) + 1 for _, fs in sections)
    doc.need(max(lead * n + 14, shh + 8))
    top = doc.y
    doc.mark("identity")
    if slot:
        _slot_set(doc, doc.right - sw, top)
    for k, (title, fs) in enumerate(sections):
        num = start + k
        doc.y += lead * 0.8
        doc.text(x0, doc.y, "%d." % num, size, bold=True)
        doc.text(x0 + numw, doc.y, title, size, bold=True)
        doc.y += lead * 0.2 + 1
        for j, (lb, v) in enumerate(fs):
            doc.y += lead * 0.8
            doc.text(x0 + 6, doc.y, "%d.%d" % (num, j + 1), size)
            doc.text(x0 + numw, doc.y, lb + " :", size)
            vs = _fit(doc, [v], right - x0 - numw - labw - 4, size)
            doc.text(x0 + numw + labw, doc.y, v, vs, bold=True)
            doc.y += lead * 0.2
        if k == 0:
            doc.unmark()
        doc.y += 3
    if slot:
        doc.y = max(doc.y, top + shh)
    doc.gap(I.size * 0.5)


def id_stickers_pair(doc, I, rng):
    """Two rounded admission labels side by side: the patient, and the stay (unit, entry, bed,
    doctor in charge), each with a bar code."""
    L = doc.letter
    size = max(7, min(I.size - 0.5, 8.5))
    font = _block_font(rng, 0.6)
    given = I.first_names(rng, rng.choice(["all", "first"]))
    upper = rng.random() < 0.5
    used_first = bool(I.used) and rng.random() < 0.4
    first = "%s %s" % (I.used if used_first else I.birth, given)
    pl = [((M.insi(first) if upper else first), True)]
    if used_first:
        pl.append(("%s %s" % (I.born().upper() if upper else I.born(), I.birth), False))
    elif I.used:
        pl.append((rng.choice(["NU : ", "Usage : ", "Nom utilisé : "]) + I.used, False))
    pl.append(("%s %s  %s" % (rng.choice(["Né(e) le", "DDN", "°"]), _date(I, rng, ["slash", "dot"]),
                              _sex(I, rng, ["letter"])), False))
    if I.place:
        pl.append(("LN " + _place(I, rng, ["code", "paren", "code-first"]), False))
    if I.ins:
        pl.append(("INS " + _ins(I, rng, ["grouped", "plain", "cog", "slash-key"]), False))
        if I.oid:
            pl.append(("OID " + M.TEST_OID, False))
    a = L.author
    d1 = rng.randint(2, 18)
    sl = [(rng.choice(["SÉJOUR", "Venue", "HOSPITALISATION"]), True)]
    if I.nda:
        sl.append(("N° " + I.nda, False))
        I.uses.add("nda")
    else:
        sl.append(("N° %d%07d" % (rng.choice([25, 26]), rng.randint(0, 9999999)), False))
    if I.ipp:
        sl.append(("IPP " + I.ipp, False))
        I.uses.add("ipp")
    sl.append((_nb("Entrée %02d/11/2026 %02dh%02d" % (d1, rng.randint(0, 23), rng.randint(0, 59))), False))
    sl.append(("UF %04d  Ch. %d  Lit %s" % (rng.randint(1000, 9999), rng.randint(100, 450), rng.choice("AB")), False))
    sl.append(("Dr resp. %s" % a.family, False))
    L.traps.append("stay-dates")
    slot = _slot_wanted(doc)
    x0 = doc.left
    width = doc.right - x0
    gap = 12
    with _Face(doc, font):
        sz = size
        sw = _slot_dims(doc)[2] if slot else 0
        wl = max(doc.sw(t, sz, bold=b) for t, b in pl) + 16 + sw
        wr = max(doc.sw(t, sz, bold=b) for t, b in sl) + 16
        while wl + wr + gap > width and sz > 6:
            sz -= 0.5
            wl = max(doc.sw(t, sz, bold=b) for t, b in pl) + 16 + sw
            wr = max(doc.sw(t, sz, bold=b) for t, b in sl) + 16
        lead = sz * 1.25
        bars = 14
        hl = lead * len(pl) + 10 + bars + 4
        hr = lead * len(sl) + 10 + bars + 4
        if slot:
            hl = max(hl, _slot_dims(doc)[3] + 4)
        h = max(hl, hr)
        doc.need(h + 10)
        top = doc.y
        xs = [x0, x0 + wl + gap] if rng.random() < 0.7 else [x0 + wr + gap, x0]
        for k, (items, w) in enumerate(((pl, wl), (sl, wr))):
            x = xs[k]
            if k == 0:
                doc.mark("identity")
            _round_frame(doc, x, top, w, h, radius=7, lw=0.5)
            y = top + 5
            for t, b in items:
                y += lead * 0.8
                doc.text(x + 8, y, t, sz, bold=b)
                y += lead * 0.2
            if k == 0:
                doc.unmark()
                if slot:
                    _slot_set(doc, x + w - sw - 2, top + 2)
            bw = min(110, w - 16 - (sw if k == 0 else 0))
            _barcode(doc, x + 8, top + h - bars - 5, bw, bars, rng)
    doc.y = top + h + I.size


def id_filiation_sentence(doc, I, rng, reason):
    """The body opens on the patient with their parentage, as civil-status extracts state it:
    'fille de Jean DUPONT et de Anne LEBLANC, née le …'."""
    L = doc.letter
    size = doc.size
    f = I.sex == "F"
    given = I.first_names(rng, rng.choice(["all", "first", "all"]))
    fg = rng.choice(M.GIVEN_M)
    mg, mf = rng.choice(M.GIVEN_F), M.pick_surname(rng)
    if I.child and I.insured:
        ins = I.insured
        if ins["civ"] == "Mme":
            mg, mf = ins["given"], ins["family"]
        else:
            fg = ins["given"]
    parents = "%s de %s %s et de %s %s" % ("fille" if f else "fils", fg, I.birth, mg, mf)
    if I.child:
        who = rng.choice(["l'enfant", "la jeune" if f else "le jeune"]) + " %s %s" % (given, I.birth)
    else:
        civ = I.civ(rng, rng.choice(["long", "short"]))
        if I.used:
            who = rng.choice(["%s %s %s, %s %s" % (civ, given, I.used, I.born(), I.birth),
                              "%s %s %s, %s %s" % (civ, I.used, given, I.born(), I.birth)])
        else:
            who = rng.choice(["%s %s %s" % (civ, given, I.birth), "%s %s %s" % (civ, I.birth, given)])
    born = "%s le %s" % (I.born(), _date(I, rng, ["words", "words", "slash", "abbr"]))
    if I.place:
        born += _born_at(I, rng)
    start = rng.choice(["J'ai examiné ce jour", "Nous avons accueilli dans le service",
                        "J'ai reçu en consultation", "Je vous adresse"])
    s = "%s %s, %s, %s" % (start, _nb(who) if len(who) < 45 else who, parents, born)
    if I.ins:
        s += ", %s %s" % (rng.choice(["matricule INS", "INS", "identifiant national de santé"]), _ins(I, rng, INS_ANY))
        if I.oid:
            s += " (OID %s)" % M.TEST_OID
    s += ", de sexe %s, %s." % (_sex(I, rng, ["lower"]), reason)
    L.traps.append("other-person")
    doc.mark("identity")
    doc.para(s, size, keep=True)
    doc.unmark()


def id_centred_running_head(doc, I, rng):
    """At the top of every page, centred between two short rules: the patient on one line, the
    birth place and the INS on a second line in smaller type."""
    W = M.W
    size = rng.choice([7.5, 8])
    given = I.first_names(rng, rng.choice(["all", "first"]))
    name = "%s %s" % (I.birth, given) if rng.random() < 0.6 else "%s %s" % (given, I.birth)
    if I.used:
        name += " (%s)" % (("ép. " + I.used) if I.sex == "F" and rng.random() < 0.5 else "nom d'usage " + I.used)
    sep = rng.choice(["  ·  ", "  –  ", "   "])
    l1 = sep.join([name, "%s %s" % (I.born(), _date(I, rng, ["slash", "dot", "words"])),
                   _sex(I, rng, ["letter", "person"])])
    p2 = []
    if I.place:
        p2.append(rng.choice(["lieu de naissance ", "LN "]) + _place(I, rng, PLACE_ANY))
    if I.ins:
        p2.append("INS " + _ins(I, rng, INS_ANY))
        if I.oid:
            p2.append("OID " + M.TEST_OID)
    l2 = sep.join(p2)
    upper = rng.random() < 0.4
    if upper:
        l1 = l1.upper()
    # 'MARCHAND SÉGOLÈNE CLAIRE PAULINE' alone in capitals: which word is the given name, nothing
    # printed says (see truth_of).
    doc.letter.names_unordered = upper
    state = {}

    def head(d):
        if "sizes" not in state:
            s1 = _fit(d, [l1], W - 120, size, bold=True, floor=5.5)
            s2 = _fit(d, [l2], W - 120, size - 1, floor=5.5) if l2 else 0
            state["sizes"] = (s1, s2)
        s1, s2 = state["sizes"]
        y = 20
        if d.page == 1:
            d.mark("identity")
        d.text(W / 2, y, l1, s1, bold=True, align="centre")
        w1 = d.sw(l1, s1, bold=True)
        y1 = y - s1 * 0.3
        if W / 2 - w1 / 2 - 44 > 20:
            d.hline(W / 2 - w1 / 2 - 44, W / 2 - w1 / 2 - 10, y1, 0.5)
            d.hline(W / 2 + w1 / 2 + 10, W / 2 + w1 / 2 + 44, y1, 0.5)
        if l2:
            y += s1 * 1.3
            d.text(W / 2, y, l2, s2, align="centre", gray=0.2)
        d.unmark()

    head(doc)
    doc.page_start.append(head)


def id_footer_two_columns(doc, I, rng):
    """At the foot of every page, over the page footer: the patient on the left in three short
    lines, the document on the right (title, edition date, reference), a vertical rule between."""
    H = M.H
    L = doc.letter
    size = rng.choice([6.5, 7, 7.5])
    given = I.first_names(rng, rng.choice(["all", "first"]))
    left = [rng.choice(["Patient(e) : ", "Patient : ", ""]) + "%s %s" % (I.used or I.birth, given)]
    if I.used:
        left[0] += " %s %s" % (I.born(), I.birth)
    left.append("%s %s – %s" % (rng.choice(["Né(e) le", "DDN"]), _date(I, rng, ["slash", "dot", "dash"]),
                                rng.choice(["sexe ", ""]) + _sex(I, rng, ["letter", "word"])))
    t3 = []
    if I.ins:
        t3.append("INS " + _ins(I, rng, INS_ANY))
    if I.place:
        t3.append("LN " + _place(I, rng, ["code", "paren"]))
    if t3:
        left.append(" – ".join(t3))
    if I.ins and I.oid:
        left.append("OID " + M.TEST_OID)
    right = [L.title if len(L.title) < 46 else L.title[:44] + "…",
             rng.choice(["Édité le ", "Validé le "]) + _nb("%02d/11/2026" % rng.randint(2, 23))]
    if I.ipp and rng.random() < 0.6:
        right.append("Réf. dossier " + I.ipp)
        I.uses.add("ipp")
    else:
        right.append("Réf. %s-%05d" % (M.insi(L.author.service)[:3], rng.randint(1, 99999)))

    def foot(d):
        x0 = d.left if d.left < 100 else 45
        x1 = d.right
        mid = x0 + (x1 - x0) * 0.62
        sz = _fit(d, left, mid - x0 - 8, size, floor=5.5)
        rs = _fit(d, right, x1 - mid - 8, size, floor=5.5)
        lead = max(sz, rs) * 1.25
        n = max(len(left), len(right))
        top = H - 70 - lead * n
        if d.page == 1:
            d.mark("identity")
        d.hline(x0, x1, top - 2, 0.4, 0.4)
        y = top
        for t in left:
            y += lead * 0.8
            d.text(x0, y, t, sz)
            y += lead * 0.2
        d.unmark()
        d.vline(mid, top + 1, top + lead * n, 0.4)
        y = top
        for t in right:
            y += lead * 0.8
            d.text(mid + 6, y, t, rs, italic=True)
            y += lead * 0.2

    lead = size * 1.25
    n = max(len(left), len(right))
    doc.st.bottom = min(doc.st.bottom, H - 76 - lead * n - 8)
    doc.page_end.insert(0, foot)


IDENTITY_FAMILIES = {
    "h-id-a": (id_cda_header, "flow"),
    "h-id-b": (id_birth_sections, "flow"),
    "h-id-c": (id_split_corner_foot, "top-right"),
    "h-id-d": (id_asterisk_header, "flow"),
    "h-id-e": (id_consent, "flow"),
    "h-id-f": (id_results_corner, "flow"),
    "h-id-g": (id_compare_columns, "flow"),
    "h-id-h": (id_corner_label, "footer"),
    "h-id-i": (id_online_form, "flow"),
    "h-id-j": (id_bold_label_run, "flow"),
    "h-id-k": (id_decimal_numbered, "flow"),
    "h-id-l": (id_stickers_pair, "flow"),
    "h-id-m": (id_filiation_sentence, "body"),
    "h-id-n": (id_centred_running_head, "band"),
    "h-id-o": (id_footer_two_columns, "footer"),
}


# ---------------------------------------------------------------------------------------------
# Professionals


def _pname(p, rng, form):
    """(text, given form) of a professional's name in the spellings of these families."""
    f = p.sex == "F"
    pr = p.title == "PR"
    short, word = ("Pr", "Professeur") if pr else ("Dr", "Docteur")
    if form == "dr-prenom-nom":
        return "%s %s %s" % (short, p.given, p.family), "full"
    if form == "dr-nom-prenom":
        return "%s %s %s" % (short, p.family, p.given), "full"
    if form == "word-prenom-nom":
        return "%s %s %s" % (word, p.given, p.family), "full"
    if form == "docteure":
        w = "Professeure" if pr else "Docteure"
        return "%s %s %s" % (w if f else word, p.given, p.family), "full"
    if form == "initial":
        return "%s %s %s" % (short, M.initials(p.given), p.family), "initial"
    if form == "initial-nodot":
        return "%s %s %s" % (short, p.given[0], p.family), "initial"
    if form == "family":
        return "%s %s" % (short, p.family), "none"
    if form == "nom-prenom":
        return "%s %s" % (p.family, p.given), "full"
    if form == "prenom-nom":
        return "%s %s" % (p.given, p.family), "full"
    raise ValueError(form)


FORMS_FULL = ["dr-prenom-nom", "dr-prenom-nom", "dr-nom-prenom", "word-prenom-nom", "docteure"]


def _spec(p, rng):
    if p.spec is None:
        return p.profession[1]
    if p.spec[0] == M.GP:
        return rng.choice(["Médecine générale", "Médecin généraliste", "Méd. générale"])
    return rng.choice(p.spec[2])


def _site(p, rng):
    return p.site.title().replace("De ", "de ").replace("D'", "d'").replace("Du ", "du ").replace("Des ", "des ") \
        if rng.random() < 0.5 else p.site


def _win_top(doc, rng):
    return max(rng.choice([136, 144, 152, 160]), getattr(doc, "header_bottom", 0) + 8)


def _address_items(p, rng, size, name, spec=None, street=True):
    """(items, city) of a postal address block under a name already chosen."""
    items = [(name, size, True, False, 0)]
    if spec if spec is not None else (rng.random() < 0.6):
        items.append((_spec(p, rng), size - 0.5, False, rng.random() < 0.4, 0))
    if p.salaried:
        if rng.random() < 0.6:
            items.append((M.service_of(p.service), size, False, False, 0))
        items.append((_site(p, rng), size, False, False, 0))
    city = M.city_text(p, rng)
    if street:
        items.append((p.street_line(), size, False, False, 0))
    items.append(("%s %s" % (p.postcode, city), size, False, False, 0))
    return items, city


def ad_centred(doc, L, rng):
    """The address block centred on the page under the letterhead, the title on a line of its own
    ('Madame la Docteure', 'Monsieur le Professeur'), the name under it."""
    p = L.to
    f = p.sex == "F"
    pr = p.title == "PR"
    size = min(doc.size + rng.choice([0, 0.5, 1]), 11.5)
    if pr:
        title = rng.choice(["Madame la Professeure" if f else "Monsieur le Professeur",
                            "Madame le Professeur" if f else "Monsieur le Professeur"])
    else:
        title = rng.choice(["Madame la Docteure" if f else "Monsieur le Docteur",
                            "Madame le Docteur" if f else "Monsieur le Docteur"])
    name = rng.choice(["%s %s" % (p.given, p.family), "%s %s" % (p.family, p.given)])
    items = [(title, size - 0.5, False, False, 0)]
    more, city = _address_items(p, rng, size, name)
    items += more
    L.mentions.add(p, "to", name, "full", city, p.postcode)
    top = _win_top(doc, rng)
    x0 = doc.left if doc.left < 100 else 45
    x1 = doc.right
    mid = (x0 + x1) / 2 + rng.choice([0, 0, 20])
    y = top
    for t, sz, b, i, g in items:
        sz = _fit(doc, [t], x1 - x0 - 20, sz, bold=b)
        y += doc.lead(sz) * 0.8
        doc.text(mid, y, t, sz, bold=b, italic=i, gray=g, align="centre")
        y += doc.lead(sz) * 0.2
    if rng.random() < 0.5:
        L.salutation = "%s," % title
    doc.h_win = (x0, top, x1, y)
    return y + 6


def ad_flush_right(doc, L, rng):
    """The address block set flush right against the right margin, each line ragged on the left."""
    p = L.to
    W = M.W
    size = min(doc.size + rng.choice([0, 0.5]), 11)
    name, gf = _pname(p, rng, rng.choice(FORMS_FULL + ["initial", "initial-nodot"]))
    items, city = _address_items(p, rng, size, name)
    L.mentions.add(p, "to", name, gf, city, p.postcode)
    x1 = min(doc.right, W - 40)
    limit = x1 - (W / 2 - 10)
    items = [(t, _fit(doc, [t], limit, sz, bold=b), b, i, g) for t, sz, b, i, g in items]
    top = _win_top(doc, rng)
    y = top
    left = x1
    for t, sz, b, i, g in items:
        y += doc.lead(sz) * 0.8
        doc.text(x1, y, t, sz, bold=b, italic=i, gray=g, align="right")
        left = min(left, x1 - doc.sw(t, sz, bold=b, italic=i))
        y += doc.lead(sz) * 0.2
    doc.h_win = (left, top, x1, y)
    return y + 4


def ad_confrere_flow(doc, L, rng):
    """No window: a line of the flow addressing the colleague ('À mon Confrère, Monsieur le Docteur
    …, cardiologue à Brest')."""
    p = L.to
    f = p.sex == "F"
    pr = p.title == "PR"
    word = "Professeur" if pr else "Docteur"
    lead = rng.choice(["À ma Consœur," if f else "À mon Confrère,", "À notre Consœur," if f else "À notre Confrère,",
                       "Lettre à l'intention de"])
    civ = "Madame le" if f else "Monsieur le"
    if rng.random() < 0.3 and f:
        civ, word = "Madame la", ("Professeure" if pr else "Docteure")
    name = "%s %s %s %s" % (civ, word, p.given, p.family)
    gf = "full"
    if rng.random() < 0.25:
        name, gf = _pname(p, rng, "initial")
    city = M.city_text(p, rng)
    pc = p.postcode if rng.random() < 0.4 else None
    where = ("%s %s" % (pc, city)) if pc else city
    tail = rng.choice([", %s à %s" % (_spec(p, rng).lower() if not _spec(p, rng).isupper() else _spec(p, rng), where),
                       " (%s, %s)" % (_spec(p, rng), where), ", %s" % where])
    L.mentions.add(p, "to", name, gf, city, pc)
    L.flow_addressee = "%s %s%s" % (lead, _nb(name), tail)
    if rng.random() < 0.5:
        L.salutation = rng.choice(["Chère Consœur," if f else "Cher Confrère,", "Chère amie," if f else "Cher ami,"])
    return None


def ad_secret_window(doc, L, rng):
    """Right window under a framed 'Secret médical' banner and its handling line."""
    p = L.to
    size = min(doc.size + rng.choice([0, 0.5]), 11)
    name, gf = _pname(p, rng, rng.choice(FORMS_FULL + ["initial"]))
    items, city = _address_items(p, rng, size, name)
    L.mentions.add(p, "to", name, gf, city, p.postcode)
    banner = rng.choice(["SECRET MÉDICAL", "PLI CONFIDENTIEL – SECRET MÉDICAL", "CONFIDENTIEL – SECRET MÉDICAL"])
    sub = rng.choice(["À n'ouvrir que par le destinataire", "Strictement personnel", "Remettre en main propre"])
    top = max(_win_top(doc, rng) - 14, getattr(doc, "header_bottom", 0) + 6)
    x = rng.choice([312, 326])
    limit = M.W - 32
    widest = max([doc.sw(t, sz, bold=b, italic=i) for t, sz, b, i, _ in items] + [doc.sw(banner, size - 1, bold=True)])
    if x + widest > limit:
        x = max(M.W / 2 - 20, limit - widest)
    items = _wrap_items(doc, items, limit - x)
    bs = size - 1.5
    bw = doc.sw(banner, bs, bold=True) + 12
    bh = bs * 1.8
    doc.rect(x - 2, top, bw, bh, lw=1.2)
    doc.text(x + 4, top + bh - bs * 0.55, banner, bs, bold=True)
    y = top + bh + doc.lead(bs - 1)
    doc.text(x, y - 2, sub, bs - 1, italic=True, gray=0.3)
    y += 4
    bottom, _ = _lines(doc, x, y, items)
    doc.h_win = (x, top, limit, bottom)
    L.traps.append("confidential-banner")
    return bottom + 4


def ad_legal_representative(doc, L, rng):
    """A letter to the patient through their legal representative: a guardianship service (or the
    child welfare service) in the right window, 'pour' the patient under it."""
    I = L.ident
    f = I.sex == "F"
    size = min(doc.size + 0.5, 11)
    fam = I.used or I.birth
    given = I.firsts[0]
    city = rng.choice(M.CITIES)
    st = rng.choice(M.STREETS)
    g = rng.choice("FM")
    rep = "%s %s %s" % ("Mme" if g == "F" else "M.", rng.choice(M.GIVEN_F if g == "F" else M.GIVEN_M),
                        M.pick_surname(rng))
    if I.child:
        org = rng.choice(["Aide sociale à l'enfance", "Service de l'ASE", "Pôle enfance et famille"])
        items = [(org, size, True, False, 0), ("%s, %s" % (rep, rng.choice(["référente ASE" if g == "F" else
                                                                             "référent ASE", "éducateur référent"])),
                                               size, False, False, 0),
                 ("Pour l'enfant %s %s" % (given, fam), size, False, True, 0)]
    else:
        org = rng.choice(["UDAF", "Association tutélaire", "Service mandataire judiciaire"])
        items = [(org, size, True, False, 0),
                 ("%s, %s" % (rep, rng.choice(["mandataire judiciaire", "délégué%s à la protection" %
                                                ("e" if g == "F" else "")])), size, False, False, 0),
                 ("%s %s %s %s" % (rng.choice(["Dossier de", "Pour", "Mesure de protection de"]),
                                   "Mme" if f else "M.", fam, given), size, False, True, 0)]
    items.append(("%d %s %s" % (rng.randint(1, 90), st[1], st[2]), size, False, False, 0))
    if rng.random() < 0.4:
        items.append(("BP %d" % rng.randint(10, 990), size, False, False, 0))
    items.append(("%s %s" % (city[0], city[2]), size, False, False, 0))
    L.addressed_to_patient = True
    L.salutation = rng.choice(["Madame, Monsieur,", "Madame," if g == "F" else "Monsieur,"])
    L.traps.append("legal-representative")
    top = _win_top(doc, rng)
    x = rng.choice([316, 330])
    limit = M.W - 32
    widest = max(doc.sw(t, sz, bold=b, italic=i) for t, sz, b, i, _ in items)
    if x + widest > limit:
        x = max(M.W / 2 - 20, limit - widest)
    items = _wrap_items(doc, items, limit - x)
    bottom, _ = _lines(doc, x, top, items)
    doc.h_win = (x, top, limit, bottom)
    return bottom + 4


def ad_role_columns(doc, L, rng):
    """Two addressees in a ruled box across the page, one column each under a caption telling their
    role (the GP, the specialist); the salutation greets both."""
    p = L.to
    others = L.copies[:1] if rng.random() < 0.8 else []
    L.h_extra_to = others
    size = max(7.5, min(doc.size, 10))
    x0 = doc.left if doc.left < 100 else 45
    x1 = doc.right
    people = [p] + others
    colw = (x1 - x0) / len(people) if len(people) > 1 else (x1 - x0) * 0.55
    cols = []
    for q in people:
        gp = q.spec is not None and q.spec[0] == M.GP
        cap = rng.choice(["Médecin traitant", "MÉDECIN TRAITANT"]) if gp else \
            rng.choice(["Médecin spécialiste", "Correspondant spécialiste", "Médecin correspondant"])
        name, gf = _pname(q, rng, rng.choice(FORMS_FULL + ["initial"]))
        items, city = _address_items(q, rng, size, name, spec=not gp)
        L.mentions.add(q, "to", name, gf, city, q.postcode)
        cols.append([(cap, size - 1.5, True, False, 0.35)] + _wrap_items(doc, items, colw - 14))
    lead_h = max(sum(doc.lead(it[1]) for it in c) for c in cols) + 8
    top = max(getattr(doc, "header_bottom", 100) + rng.choice([10, 16]), 118)
    for k, c in enumerate(cols):
        x = x0 + k * colw
        doc.rect(x, top, colw, lead_h, lw=0.5)
        _lines(doc, x + 7, top + 3, c)
    if others:
        f1, f2 = p.sex == "F", others[0].sex == "F"
        L.salutation = rng.choice(["Chers Confrères,", "Chère Consœur, cher Confrère," if (f1 or f2) else
                                   "Chers Confrères,", "Chers collègues,"])
    doc.h_win = None
    return top + lead_h + 6


_BIG_CITIES = {"PARIS", "LYON", "MARSEILLE", "TOULOUSE", "BORDEAUX", "LILLE", "NANTES", "STRASBOURG", "MONTPELLIER",
               "RENNES", "NICE", "GRENOBLE", "SAINT-DENIS"}


def ad_rural_left(doc, L, rng):
    """A window on the left under the letterhead, to a country practice: the place-name line, a CS
    or BP number, sometimes CEDEX."""
    p = L.to
    size = min(doc.size + 0.5, 11)
    name, gf = _pname(p, rng, rng.choice(FORMS_FULL + ["initial", "initial"]))
    items = [(name, size, True, False, 0)]
    if rng.random() < 0.6:
        items.append((_spec(p, rng), size - 0.5, False, True, 0))
    if p.salaried:
        items.append((_site(p, rng), size, False, False, 0))
    else:
        items.append((rng.choice(["Maison médicale", "Cabinet médical", "Pôle de santé"]) + " " +
                      rng.choice(["du Bourg", "des Trois Rivières", "de la Vallée", "du Menez"]), size, False, False, 0))
    if p.city in _BIG_CITIES:  # no place-names in town: a building or a residence instead
        items.append((rng.choice(["Bâtiment %s" % rng.choice("ABCD"), "Résidence %s" % rng.choice(
            ["Les Tilleuls", "Le Parc", "Horizon"])]), size, False, False, 0))
    else:
        items.append(("Lieu-dit " + rng.choice(["Kerbernez", "Le Moulin Neuf", "La Croix Blanche", "Les Landes",
                                                "Le Haut Bourg", "Pen ar Hoat"]), size, False, False, 0))
    items.append((p.street_line(), size, False, False, 0))
    box = rng.random()
    if box < 0.35:
        items.append(("CS %05d" % rng.randint(10000, 99999), size, False, False, 0))
    elif box < 0.7:
        items.append(("BP %d" % rng.randint(1, 999), size, False, False, 0))
    city = M.city_text(p, rng, upper=True)
    tail = " CEDEX" if box < 0.7 and rng.random() < 0.6 else ""
    items.append(("%s %s%s" % (p.postcode, city, tail), size, False, False, 0))
    L.mentions.add(p, "to", name, gf, city, p.postcode)
    x = rng.choice([52, 60, 70])
    limit = M.W / 2 - 12
    items = _wrap_items(doc, items, limit - x)
    top = _win_top(doc, rng)
    bottom, _ = _lines(doc, x, top, items)
    doc.h_win = (x, top, limit, bottom)
    return bottom + 4


def ad_reply_flow(doc, L, rng):
    """No window: the letter answers the colleague's request, told in one line of the flow
    ('Réponse à la demande d'avis du Dr … (cardiologue, Brest) du 12/11/2026')."""
    p = L.to
    name, gf = _pname(p, rng, rng.choice(FORMS_FULL + ["initial", "family"]))
    city = M.city_text(p, rng)
    pc = p.postcode if rng.random() < 0.3 else None
    where = ("%s %s" % (pc, city)) if pc else city
    day = _nb("%02d/%02d/2026" % (rng.randint(1, 30), rng.choice([9, 10])))
    art = "de la " if name.startswith(("Docteure", "Professeure")) else "du "
    nm = _nb(name)
    text = rng.choice(["Réponse à la demande d'avis %s%s (%s, %s) du %s" % (art, nm, _spec(p, rng), where, day),
                       "En réponse au courrier %s%s, %s, du %s" % (art, nm, where, day),
                       "Suite à votre demande du %s – %s, %s" % (day, nm, where)])
    L.mentions.add(p, "to", name, gf, city, pc)
    L.flow_addressee = text
    f = p.sex == "F"
    if rng.random() < 0.6:
        L.salutation = rng.choice(["Chère Consœur," if f else "Cher Confrère,", "Chère Collègue," if f else
                                   "Cher Collègue,", "%s %s," % ("Chère" if f else "Cher", "Docteur" if p.title != "PR"
                                                                 else "Professeur")])
    return None


def ad_labelled_fields(doc, L, rng):
    """The addressee as a form prints it: labelled fields one a line in a framed box on the right
    ('Nom, prénom :', 'Qualité :', 'Adresse :', 'Code postal / Ville :')."""
    p = L.to
    size = max(7.5, min(doc.size, 10))
    small = size - 1
    if rng.random() < 0.6:
        name, gf = _pname(p, rng, "nom-prenom")
        rows = [(rng.choice(["Nom, prénom", "Nom et prénom"]), name)]
    else:
        name, gf = _pname(p, rng, "prenom-nom")
        rows = [(rng.choice(["Destinataire", "Prénom, nom"]), name)]
    rows.append((rng.choice(["Qualité", "Titre"]), ("Professeur" if p.title == "PR" else "Docteur") +
                 (", " + _spec(p, rng).lower() if rng.random() < 0.6 and not _spec(p, rng).isupper() else "")))
    if p.salaried:
        rows.append(("Établissement", _site(p, rng)))
    rows.append(("Adresse", p.street_line()))
    city = M.city_text(p, rng)
    rows.append((rng.choice(["Code postal / Ville", "CP - Ville", "Localité"]), "%s %s" % (p.postcode, city)))
    L.mentions.add(p, "to", name, gf, city, p.postcode)
    x = rng.choice([296, 306])
    limit = M.W - 34
    lw = max(doc.sw(lb + " :", small) for lb, _ in rows) + 6
    vs = _fit(doc, [v for _, v in rows], limit - x - lw - 12, size)
    lead = doc.lead(size)
    h = lead * (len(rows) + 1) + 8
    top = _win_top(doc, rng) - 6
    doc.rect(x, top, limit - x, h, lw=0.5)
    y = top + 3 + lead * 0.8
    doc.text(x + 6, y, rng.choice(["DESTINATAIRE", "Destinataire du courrier"]), small, bold=True, gray=0.3)
    y += lead * 0.2
    for lb, v in rows:
        y += lead * 0.8
        doc.text(x + 6, y, lb + " :", small, gray=0.35)
        doc.text(x + 6 + lw, y, v, vs, bold=(lb in ("Nom, prénom", "Nom et prénom", "Destinataire", "Prénom, nom")))
        y += lead * 0.2
    doc.h_win = (x, top, limit, top + h)
    return top + h + 4


# (draw, window: "right" | "left" | "none" | "flow" | "both", needs a professional addressee)
ADDRESSEE_FAMILIES = {
    "h-ad-a": (ad_centred, "both", True),
    "h-ad-b": (ad_flush_right, "right", True),
    "h-ad-c": (ad_confrere_flow, "flow", True),
    "h-ad-d": (ad_secret_window, "right", True),
    "h-ad-e": (ad_legal_representative, "right", False),
    "h-ad-f": (ad_role_columns, "both", True),
    "h-ad-g": (ad_rural_left, "both", True),
    "h-ad-h": (ad_reply_flow, "flow", True),
    "h-ad-i": (ad_labelled_fields, "right", True),
}


# ---------------------------------------------------------------------------------------------
# Copies


def _copies(L):
    extra = getattr(L, "h_extra_to", [])
    return [p for p in L.copies if p not in extra]


def _copy_place(p, rng, gf, p_city=0.7):
    """(city, postcode) printed with a copy: always when the name alone could not tell it apart."""
    must = p.force_place or gf != "full"
    city = M.city_text(p, rng, upper=rng.random() < 0.5) if (must or rng.random() < p_city) else None
    pc = p.postcode if city and rng.random() < 0.3 else None
    return city, pc


def _where(city, pc):
    return _nb("%s %s" % (pc, city)) if pc else city


def cp_plural_title(doc, L, rng):
    """One line where the title is said once for several names: 'Copie aux Docteurs DUPONT
    (Brest) et MARTIN (Quimper)', 'Copies : Drs Jean DUPONT, Marie MARTIN'."""
    size = max(7.5, doc.size - rng.choice([0, 0.5, 1]))
    copies = _copies(L)
    entries = []
    form = rng.choice(["family", "prenom-nom", "prenom-nom", "nom-prenom"])
    for p in copies:
        name, gf = _pname(p, rng, form)
        if form == "family":
            name = p.family
        city, pc = _copy_place(p, rng, gf)
        L.mentions.add(p, "cc", name, gf, city, pc)
        entries.append(_nb(name) + (" (%s)" % _where(city, pc) if city else ""))
    tail = ""
    if L.copy_patient:
        f = L.ident.sex == "F"
        tail = rng.choice([", ainsi qu'%s" % ("à la patiente" if f else "au patient"), " et au patient"])
    if not entries:
        if L.copy_patient:
            doc.line(rng.choice(["Copie remise au patient.", "Copie au patient."]), size)
        return
    prs = all(p.title == "PR" for p in copies)
    if len(entries) == 1:
        lead = rng.choice(["Copie au %s " % ("Professeur" if prs else "Docteur"),
                           "Copie : %s " % ("Pr" if prs else "Dr")])
        text = lead + entries[0]
    else:
        word = rng.choice(["aux Professeurs" if prs else "aux Docteurs", "aux Prs" if prs else "aux Drs"])
        body = ", ".join(entries[:-1]) + " et " + entries[-1]
        text = rng.choice(["Copie %s %s" % (word, body), "Copies : %s %s" % ("Prs" if prs else "Drs",
                                                                           ", ".join(entries))])
    doc.gap(size * 0.3)
    doc.para(text + tail + rng.choice([".", ""]), size, keep=True)


def cp_rpps_split_table(doc, L, rng):
    """A distribution table with the RPPS number first and the family and given names in columns of
    their own, then the town."""
    size = max(7, doc.size - 1.5)
    rows = [[rng.choice(["N° RPPS", "RPPS", "Identifiant RPPS"]), "NOM", rng.choice(["Prénom", "PRÉNOM"]),
             rng.choice(["Ville", "Commune", "Lieu d'exercice"])]]
    for p in _copies(L):
        city = M.city_text(p, rng, upper=rng.random() < 0.6)
        rows.append([p.rpps, p.family, p.given, city])
        L.mentions.add(p, "cc", "%s %s" % (p.family, p.given), "full", city, None)
    if L.copy_patient:
        rows.append(["—", rng.choice(["Patient(e)", "PATIENT"]), "", rng.choice(["remise en main propre", "—"])])
    if len(rows) == 1:
        return
    L.traps.append("copy-rpps")
    x0 = doc.left
    width = min(doc.right - x0, 420)
    nat = [max(doc.sw(r[i], size, bold=(j == 0)) for j, r in enumerate(rows)) + 10 for i in range(4)]
    if sum(nat) > width:
        k = width / sum(nat)
        nat = [w * k for w in nat]
    title = rng.choice(["Diffusion du document :", "Copie adressée à :", "Destinataires en copie :"])
    h = _rows_height(doc, nat, rows, size, head=(0,)) + doc.lead(size) * 1.2
    doc.gap(size * 0.5)
    doc.need(h + 6)
    doc.line(title, size, bold=True)
    bottom = _table_rows(doc, x0, doc.y + 1, nat, rows, size, head=(0,), fills={0: 0.88})
    doc.y = bottom + 4


def cp_letter_bullets(doc, L, rng):
    """'Le présent courrier est également transmis à :' and one copy a line, lettered a), b), c),
    the specialty and town after dashes; the patient last."""
    size = max(7.5, doc.size - rng.choice([0.5, 1]))
    label = rng.choice(["Le présent courrier est également transmis à :", "Exemplaires transmis à :",
                        "Transmis également à :"])
    lines = []
    for p in _copies(L):
        name, gf = _pname(p, rng, rng.choice(FORMS_FULL + ["initial", "family"]))
        city, pc = _copy_place(p, rng, gf, 0.85)
        L.mentions.add(p, "cc", name, gf, city, pc)
        t = _nb(name)
        if rng.random() < 0.6:
            t += " – " + _spec(p, rng).lower() if not _spec(p, rng).isupper() else " – " + _spec(p, rng)
        if city:
            t += " – " + _where(city, pc)
        lines.append(t)
    if L.copy_patient:
        f = L.ident.sex == "F"
        lines.append(rng.choice(["%s (remis en main propre)" % ("la patiente" if f else "le patient"),
                                 "%s, par courrier" % ("la patiente" if f else "le patient")]))
    if not lines:
        return
    style = rng.choice(["%s)", "%s.", "(%s)"])
    lead = doc.lead(size)
    doc.gap(size * 0.4)
    doc.need(lead * (len(lines) + 1) + 4)
    doc.line(label, size, italic=rng.random() < 0.5)
    ind = doc.sw("(m) ", size) + 4
    for k, t in enumerate(lines):
        letter = style % "abcdefgh"[k]
        parts = doc.wrap(t, doc.right - doc.left - ind - 14, size)
        for j, part in enumerate(parts):
            doc.need(lead)
            doc.y += lead * 0.8
            if j == 0:
                doc.text(doc.left + 8, doc.y, letter, size)
            doc.text(doc.left + 8 + ind, doc.y, part, size)
            doc.y += lead * 0.2


def cp_mail_header(doc, L, rng):
    """Under the date, before the title: a 'Cc :' line as a mail client writes it, each name
    followed by its secure mailbox in angle brackets (or the town when it has none)."""
    size = max(7, doc.size - 1.5)
    entries = []
    for p in _copies(L):
        name, gf = _pname(p, rng, rng.choice(["dr-prenom-nom", "prenom-nom", "prenom-nom", "dr-nom-prenom"]))
        city = pc = None
        if p.mssante and not p.force_place:
            t = "%s <%s>" % (_nb(name), p.mssante)
            if rng.random() < 0.3:
                city = M.city_text(p, rng)
                t += " (%s)" % city
        else:
            city = M.city_text(p, rng)
            pc = p.postcode if rng.random() < 0.4 else None
            t = "%s (%s)" % (_nb(name), _where(city, pc))
        L.mentions.add(p, "cc", name, gf, city, pc)
        entries.append(t)
    if L.copy_patient:
        entries.append(rng.choice(["Patient (espace santé)", "le patient (Mon espace santé)"]))
    if not entries:
        return
    L.traps.append("mailbox")
    text = rng.choice(["Cc : ", "CC : ", "Copie : "]) + "; ".join(entries)
    doc.gap(2)
    doc.para(text, size, keep=True, after=size * 0.4)


def cp_matrix(doc, L, rng):
    """A distribution matrix: one row per person (the addressee too), an X under 'Original' or
    'Copie' and under the channel."""
    size = max(7, doc.size - 1.5)
    head = ["", rng.choice(["Original", "Destinataire"]), "Copie", "MSSanté", rng.choice(["Courrier", "Poste"])]
    rows = [head]
    if L.to is not None:
        p = L.to
        name, gf = _pname(p, rng, rng.choice(FORMS_FULL + ["initial"]))
        city, pc = _copy_place(p, rng, gf, 0.8)
        L.mentions.add(p, "to", name, gf, city, pc)
        ms = bool(p.mssante) and rng.random() < 0.7
        rows.append([_nb(name) + (", " + _where(city, pc) if city else ""), "X", "", "X" if ms else "",
                     "" if ms else "X"])
    for p in getattr(L, "h_extra_to", []):
        name, gf = _pname(p, rng, rng.choice(FORMS_FULL + ["initial"]))
        city, pc = _copy_place(p, rng, gf, 0.8)
        L.mentions.add(p, "to", name, gf, city, pc)
        rows.append([_nb(name) + (", " + _where(city, pc) if city else ""), "X", "", "", "X"])
    for p in _copies(L):
        name, gf = _pname(p, rng, rng.choice(FORMS_FULL + ["initial", "family"]))
        city, pc = _copy_place(p, rng, gf, 0.8)
        L.mentions.add(p, "cc", name, gf, city, pc)
        ms = bool(p.mssante) and rng.random() < 0.7
        rows.append([_nb(name) + (", " + _where(city, pc) if city else ""), "", "X", "X" if ms else "",
                     "" if ms else "X"])
    if L.copy_patient:
        rows.append([rng.choice(["Patient(e)", "Le patient"]), "", "X", "", "X"])
    if rng.random() < 0.5:
        rows.append([rng.choice(["Dossier patient", "Archives"]), "", "X", "", ""])
    if len(rows) == 1:
        return
    x0 = doc.left
    width = doc.right - x0
    cw = max(doc.sw(h, size, bold=True) for h in head[1:]) + 10
    first = max(width * 0.5, min(width - 4 * cw, max(doc.sw(r[0], size) for r in rows) + 12))
    cw = min(cw, (width - first) / 4)
    hs = _fit(doc, head[1:], cw - 6, size, bold=True, floor=5.5)
    widths = [first] + [cw] * 4
    h = _rows_height(doc, widths, rows, size, head=(0,)) + doc.lead(size) * 1.3
    doc.gap(size * 0.5)
    doc.need(h + 6)
    doc.line(rng.choice(["Liste de diffusion", "Diffusion", "DIFFUSION"]), size, bold=True)
    top = doc.y + 1
    y = top
    lead = doc.lead(size)
    for r, row in enumerate(rows):
        lines0 = doc.wrap(row[0], widths[0] - 6, size) or [""]
        rh = lead * len(lines0) + 5
        if r == 0:
            doc.rect(x0, y, sum(widths), rh, lw=0.3, fill=0.88, stroke=False)
        xx = x0
        for i, cell in enumerate(row):
            doc.rect(xx, y, widths[i], rh, lw=0.4)
            if i == 0:
                yy = y + 2.5
                for t in lines0:
                    yy += lead * 0.8
                    if t:
                        doc.text(xx + 3, yy, t, size, bold=(r == 0))
                    yy += lead * 0.2
            elif cell:
                doc.text(xx + widths[i] / 2, y + 2.5 + lead * 0.8, cell, hs if r == 0 else size, bold=True,
                         align="centre")
            xx += widths[i]
        y += rh
    doc.y = y + 4


def cp_shaded_strip(doc, L, rng):
    """After the signature, a light grey strip across the text width: 'Copies (2)' then the
    entries separated by bullets."""
    size = max(7, doc.size - rng.choice([1, 1.5]))
    entries = []
    for p in _copies(L):
        name, gf = _pname(p, rng, rng.choice(FORMS_FULL + ["initial", "family", "nom-prenom"]))
        city, pc = _copy_place(p, rng, gf, 0.8)
        L.mentions.add(p, "cc", name, gf, city, pc)
        entries.append(_nb(name) + (", " + _where(city, pc) if city else ""))
    n = len(entries)
    if L.copy_patient:
        entries.append(rng.choice(["Patient(e)", "Patient – remis en main propre"]))
    if not entries:
        return
    label = rng.choice(["Copies (%d)" % n if n else "Copie", "Copie(s) : %d" % n if n else "Copie",
                        "En copie (%d)" % n if n else "En copie"])
    bullet = "  •  " if doc.st.font != "DejaVuSansLight" else "  –  "  # the light cut has no bullet
    text = label + bullet + bullet.join(entries)
    x0 = doc.left
    width = doc.right - x0
    lines = doc.wrap(text, width - 12, size)
    lead = doc.lead(size)
    h = lead * len(lines) + 6
    doc.gap(size * 0.6)
    doc.need(h + 6)
    top = doc.y
    doc.rect(x0, top, width, h, lw=0.2, fill=0.9, stroke=False)
    y = top + 3
    for ln in lines:
        y += lead * 0.8
        doc.text(x0 + 6, y, ln, size)
        y += lead * 0.2
    doc.y = top + h + 4


# (draw, needs copies, where: "end" after the signature, "top" before the title)
COPIES_FAMILIES = {
    "h-cp-a": (cp_plural_title, True, "end"),
    "h-cp-b": (cp_rpps_split_table, True, "end"),
    "h-cp-c": (cp_letter_bullets, True, "end"),
    "h-cp-d": (cp_mail_header, True, "top"),
    "h-cp-e": (cp_matrix, True, "end"),
    "h-cp-f": (cp_shaded_strip, True, "end"),
}


# ---------------------------------------------------------------------------------------------
# DataMatrix positions

DM_POSITIONS = ["h-id-slot", "h-letterhead-right", "h-id-slot", "h-letterhead-right", "top-right",
                "footer-left"]


def dm_candidates(d, pos, s, W, H):
    if pos == "h-id-slot":
        # The room an identity block kept for the code (a label, a patient header); none elsewhere.
        slot = getattr(d, "h_slot", None)
        if not slot or slot[0] != d.page:
            return []
        return [(slot[1], slot[2])]
    if pos == "h-letterhead-right":
        # Right after the establishment's block on the left, at the height of its first lines.
        if d.page != 1:
            return []
        head = getattr(d, "header_bottom", None)
        if not head:
            return []
        boxes = [b for b in d.boxes.get(1, []) if b[3] <= head + 1 and b[0] < W / 2 - 20 and b[2] < W / 2 + 60]
        if not boxes:
            return []
        xr = max(b[2] for b in boxes)
        y0 = min(b[1] for b in boxes)
        return [(xr + k, y) for y in (y0, y0 + 8, y0 + 18, y0 - 8) for k in (14, 24, 40) if xr + k + s < W - 20]
    return []

"""Tuning layout families, fifth set (see make_letters.py).

These were the held-out families of session 31 (written blind to the reader); once their results
had been studied they joined the tuning part and a new held-out set (heldout_layouts.py) replaced
them.

The families use the helpers of make_letters.py, bound at import time through use().
"""

M = None  # the make_letters module


def use(module):
    global M
    M = module


# ---------------------------------------------------------------------------------------------
# Fonts


def fonts(register):
    """The fonts of this set (registered through make_letters.py)."""
    out = []
    if M.register_type1_family("URWBookman", "URWBookman-Light", "URWBookman-Demi", "URWBookman-LightItalic"):
        out.append("URWBookman")
    if M.register_type1_family("C059", "C059-Roman", "C059-Bold", "C059-Italic"):
        out.append("C059")
    if M.register_type1_family("NimbusSansNarrow", "NimbusSansNarrow-Regular", "NimbusSansNarrow-Bold",
                               "NimbusSansNarrow-Oblique"):
        out.append("NimbusSansNarrow")
    # Fonts the tuning part uses too, so that the held-out part does not hinge on fonts alone.
    dv = "/usr/share/fonts/truetype/dejavu/"
    if register("DejaVuSerif", dv + "DejaVuSerif.ttf", dv + "DejaVuSerif-Bold.ttf", dv + "DejaVuSerif-Italic.ttf"):
        out.append("DejaVuSerif")
    return out + ["Helvetica"]


# ---------------------------------------------------------------------------------------------
# Shared bits

_MONTHS_ABBR = ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."]
_ABROAD_AU = ("Maroc", "Sénégal", "Portugal", "Cameroun", "Viêt Nam", "Royaume-Uni")


def _nb(s):
    """Kept on one line when a paragraph wraps (drawn as plain spaces)."""
    return s.replace(" ", M.NBSP)


def _dn(I, rng, styles):
    """The birth date: '12.03.1951', '12-03-1951', '12 mars 1951', '12 sept. 1951', '2/3/1951'…"""
    y, m, d = I.iso.split("-")
    style = rng.choice(styles)
    if style == "dot":
        s = "%s.%s.%s" % (d, m, y)
    elif style == "dash":
        s = "%s-%s-%s" % (d, m, y)
    elif style == "slash":
        s = "%s/%s/%s" % (d, m, y)
    elif style == "abbr":
        s = "%d %s %s" % (int(d), _MONTHS_ABBR[int(m) - 1], y)
    elif style == "nozero":
        s = "%d/%d/%s" % (int(d), int(m), y)
    elif style == "iso":
        s = I.iso
    else:  # "words"
        s = M.fr_date(I.iso, "words")
    return _nb(s)


def _ins(I, rng, styles):
    """The INS matricule: grouped, plain, with its key apart ('(clé 45)', '(45)', '-45')…"""
    m = I.ins
    g = [m[0], m[1:3], m[3:5], m[5:7], m[7:10], m[10:13]]
    style = rng.choice(styles)
    if style == "grouped":
        s = " ".join(g + [m[13:]])
    elif style == "paren-key":
        s = "%s (clé %s)" % (m[:13], m[13:])
    elif style == "grouped-paren":
        s = "%s (%s)" % (" ".join(g), m[13:])
    elif style == "dash-key":
        s = "%s-%s" % (m[:13], m[13:])
    elif style == "dots":
        s = ".".join(g + [m[13:]])
    elif style == "blocks":
        s = "%s %s %s" % (m[:7], m[7:13], m[13:])
    else:  # "plain"
        s = m
    return _nb(s)


INS_ANY = ["grouped", "grouped", "plain", "paren-key", "grouped-paren", "dash-key", "dots", "blocks"]


def _sex(I, rng, styles):
    f = I.sex == "F"
    style = rng.choice(styles)
    return {"letter": "F" if f else "M", "word": "Féminin" if f else "Masculin", "person": "Femme" if f else "Homme",
            "lower": "féminin" if f else "masculin", "upper": "FÉMININ" if f else "MASCULIN"}[style]


def _place(I, rng, styles):
    """The birth place, always with its code: 'Brest [29019]', 'Brest (INSEE : 29019)'…"""
    code, name = I.place, I.place_name
    style = rng.choice(styles)
    if I.abroad:
        if style == "code":
            return code
        return rng.choice(["%s (%s)", "%s [%s]", "%s, code pays %s"]) % (name, code)
    if style == "code":
        return code
    if style == "bracket":
        return "%s [%s]" % (name, code)
    if style == "insee-colon":
        return "%s (INSEE : %s)" % (name, code)
    if style == "NAME-code":
        return "%s - %s" % (M.insi(name), code)
    if style == "code-slash":
        return "%s / %s" % (code, name)
    return "%s (%s)" % (name, code)  # "paren"


def _place_phrase(I, rng):
    """' à Brest (INSEE 29019)', ' au Maroc (99350)'…"""
    code, name = I.place, I.place_name
    if I.abroad:
        prep = "au" if name in _ABROAD_AU else "en"
        return rng.choice([" %s %s (%s)" % (prep, name, code), " %s %s, code pays %s" % (prep, name, code)])
    return rng.choice([" à %s (INSEE %s)" % (name, code), " à %s [%s]" % (name, code),
                       " à %s, commune %s" % (name, code)])


def _age(I):
    n = M.age_on(I.iso)
    return "%d an%s" % (n, "s" if n > 1 else "")


def _fit(doc, texts, width, size, bold=False, floor=6.5):
    while size > floor and max(doc.sw(t, size, bold=bold) for t in texts) > width:
        size -= 0.5
    return size


def _mobile(rng):
    return "0%d %02d %02d %02d %02d" % (rng.choice([6, 6, 7]), rng.randint(0, 99), rng.randint(0, 99),
                                        rng.randint(0, 99), rng.randint(0, 99))


def _used_phrase(I, rng):
    """The used name said so that it cannot be taken for the birth name."""
    if I.sex == "F" and rng.random() < 0.5:
        return rng.choice(["épouse %s" % I.used, "nom d'usage %s" % I.used])
    return rng.choice(["nom d'usage %s" % I.used, "nom utilisé : %s" % I.used])


# ---------------------------------------------------------------------------------------------
# Identity


def id_fieldset(doc, I, rng):
    """A rounded frame whose legend sits on its border; the sex first, two columns of traits."""
    size = I.size
    f = I.sex == "F"
    legends = ["Identité du patient", "IDENTITÉ DU PATIENT", "Patient(e)",
               "Identité de l'enfant" if I.child else ("Identité de la patiente" if f else "Identité du patient")]
    legend = rng.choice(legends)
    left = [("Sexe", _sex(I, rng, ["word", "word", "letter", "person"])),
            (rng.choice(["Nom de naissance", "Nom de famille"]), I.birth)]
    if I.used:
        left.append((rng.choice(["Nom utilisé", "Nom d'usage"]), I.used))
    left.append((rng.choice(["Prénom(s)", "Prénoms"]), I.first_names(rng, rng.choice(["all", "all-comma"]))))
    right = [(rng.choice(["Né(e) le", "Date de naissance"]), _dn(I, rng, ["dot", "dash", "words", "abbr", "slash"]))]
    if I.place:
        label = "Pays de naissance" if I.abroad else rng.choice(["Lieu de naissance", "Commune de naissance"])
        right.append((label, _place(I, rng, ["bracket", "insee-colon", "paren", "NAME-code"])))
    if I.ins:
        right.append((rng.choice(["Matricule INS", "INS", "N° INS"]), _ins(I, rng, INS_ANY)))
        if I.oid:
            right.append(("OID", M.TEST_OID))
    colon = rng.random() < 0.6
    sep = " : " if colon else "   "
    bold = not colon or rng.random() < 0.4
    width = doc.right - doc.left
    pad = 10

    def row_w(rows, sz):
        return max(doc.sw(lb + sep, sz - 0.5) + doc.sw(v, sz, bold=bold) for lb, v in rows)

    col = (width - 2 * pad - 16) / 2
    two = False
    for sz in (size, size - 0.5, size - 1):
        if row_w(left, sz) <= col and row_w(right, sz) <= col:
            two, size = True, sz
            break
    if two:
        columns = [left, right]
    else:
        columns = [left + right]
        while size > 6.5 and row_w(left + right, size) > width - 2 * pad:
            size -= 0.5
    lead = doc.lead(size)
    n = max(len(c) for c in columns)
    h = lead * n + 14
    doc.need(h + 12)
    doc.mark("identity")
    top = doc.y + 5
    x0 = doc.left
    doc.c.setLineWidth(rng.choice([0.6, 0.8, 1.0]))
    doc.c.roundRect(x0, M.H - top - h, width, h, rng.choice([4, 6, 8]), stroke=1, fill=0)
    doc.add_box((x0, top, x0 + width, top + h))
    lsz = max(7, size - 0.5)
    lw = doc.sw(legend, lsz, bold=True)
    doc.c.setFillGray(1)
    doc.c.rect(x0 + 12, M.H - top - 2.5, lw + 8, 5, stroke=0, fill=1)
    doc.c.setFillGray(0)
    doc.text(x0 + 16, top + lsz * 0.3, legend, lsz, bold=True)
    for k, rows in enumerate(columns):
        x = x0 + pad + k * (col + 16)
        y = top + 9
        for lb, v in rows:
            y += lead * 0.8
            w = doc.text(x, y, lb + sep, size - 0.5, gray=0.35)
            doc.text(x + w, y, v, size, bold=bold)
            y += lead * 0.2
    doc.y = top + h
    doc.unmark()
    doc.gap(size)


def id_dark_band(doc, I, rng):
    """A band at the top of every page: the name reversed out of a dark bar, the traits on a light
    bar under it."""
    W = M.W
    given = I.first_names(rng, rng.choice(["all", "first", "all"]))
    civ = I.civ(rng, rng.choice(["short", "upper"])) + " " if rng.random() < 0.5 else ""
    if I.used:
        name = rng.choice(["%s%s %s %s %s" % (civ, I.used, I.born(), I.birth, given),
                           "%s%s %s (%s)" % (civ, I.birth, given, _used_phrase(I, rng))])
    else:
        name = "%s%s %s" % (civ, I.birth, given)
    right = "%s, %s" % (_sex(I, rng, ["person", "word"]) if not I.child else "sexe " + _sex(I, rng, ["letter"]),
                        _age(I))
    items = ["%s %s%s" % (rng.choice(["Né(e) le", I.born().capitalize() + " le"]),
                          _dn(I, rng, ["slash", "dot", "dash"]), _place_phrase(I, rng) if I.place else "")]
    if I.ins:
        items.append(rng.choice(["INS : ", "Matricule INS ", "INS/NIR : "]) + _ins(I, rng, ["grouped", "plain",
                                                                                          "paren-key", "blocks"]))
        if I.oid:
            items.append("OID " + M.TEST_OID)
    if I.ipp and rng.random() < 0.7:
        items.append(rng.choice(["IPP ", "IPP : ", "N° dossier "]) + I.ipp)
        I.uses.add("ipp")
    if I.nda and rng.random() < 0.5:
        items.append(rng.choice(["Séjour ", "NDA "]) + I.nda)
        I.uses.add("nda")
    sep = rng.choice(["  •  ", "   |   ", "  –  "])
    x0, x1 = 30, W - 30
    dark = rng.choice([0.15, 0.25, 0.35])
    light = rng.choice([0.9, 0.93, None])
    s1 = 9

    def pack(sz):
        lines, cur = [], ""
        for it in items:
            trial = cur + sep + it if cur else it
            if cur and doc.sw(trial, sz) > x1 - x0 - 8:
                lines.append(cur)
                cur = it
            else:
                cur = trial
        return lines + [cur]

    s2 = 8.5
    lines = pack(s2)
    while (len(lines) > 2 or max(doc.sw(t, s2) for t in lines) > x1 - x0 - 8) and s2 > 6:
        s2 -= 0.5
        lines = pack(s2)
    while doc.sw(name, s1, bold=True) + doc.sw(right, s1 - 1) + 30 > x1 - x0 and s1 > 6.5:
        s1 -= 0.5
    h1 = s1 * 1.6
    l2 = s2 * 1.3
    h2 = l2 * len(lines) + 4
    top = 12

    def band(d):
        if d.page == 1:
            d.mark("identity")
        d.rect(28, top, W - 56, h1, lw=0.3, fill=dark, stroke=False)
        d.text(x0 + 2, top + h1 - s1 * 0.45, name, s1, bold=True, gray=1.0)
        d.text(x1 - 2, top + h1 - s1 * 0.45, right, s1 - 1, gray=1.0, align="right")
        if light is not None:
            d.rect(28, top + h1, W - 56, h2, lw=0.3, fill=light, stroke=False)
        else:
            d.hline(28, W - 28, top + h1 + h2, 0.6)
        y = top + h1 + 1
        for t in lines:
            y += l2 * 0.8
            d.text(x0 + 2, y, t, s2)
            y += l2 * 0.2
        d.unmark()

    band(doc)
    doc.page_start.append(band)


def id_sentence_ins_footer(doc, I, rng, reason):
    """The patient in the first sentence of the body; the INS in a line at the foot of each page."""
    size = doc.size
    f = I.sex == "F"
    e = "e" if f else ""
    given = I.first_names(rng, rng.choice(["first", "all", "all"]))
    fam = I.used or I.birth
    if I.child:
        who = rng.choice(["l'enfant", "la petite" if f else "le petit"])
    else:
        who = I.civ(rng, rng.choice(["long", "short"]))
    name = rng.choice(["%s %s %s" % (who, given, fam), "%s %s %s" % (who, fam, given)])
    born = I.born()
    if I.used:
        born += " " + I.birth
    born += " le " + _dn(I, rng, ["words", "words", "dot", "slash", "abbr"])
    if I.place:
        born += _place_phrase(I, rng)
    start = rng.choice(["Je fais suite à la consultation de ce jour concernant",
                        "Comme convenu, je vous donne des nouvelles de",
                        "Voici le compte rendu de la prise en charge de",
                        "Je vous tiens informé%s de l'évolution de" % ("e" if doc.letter.to is not None and
                                                                       doc.letter.to.sex == "F" else "")])
    sex = rng.choice(["", "", ", de sexe %s" % _sex(I, rng, ["lower"])])
    s = "%s %s%s, %s, %s, vu%s %s." % (start, name, sex, born, "âgé%s de %s" % (e, _age(I)), e, reason)
    doc.mark("identity")
    doc.para(s, size, keep=True)
    doc.unmark()
    tail = []
    if I.ins:
        tail.append(rng.choice(["INS : ", "Matricule INS : ", "INS "]) + _ins(I, rng, ["grouped", "plain", "paren-key",
                                                                                    "dots"]))
        if I.oid:
            tail.append("OID " + M.TEST_OID)
    elif I.ipp:
        tail.append("IPP " + I.ipp)
        I.uses.add("ipp")
    if not tail:
        return
    head = rng.choice(["Réf. patient", "Patient(e)", "Concerne"]) + " : %s %s" % (I.birth, I.firsts[0])
    text = head + rng.choice([" – ", "  |  ", " - "]) + " – ".join(tail)

    def foot(d):
        sz = _fit(d, [text], d.right - d.left, 7, floor=5.5)
        d.text(d.left, M.H - 56.5, text, sz, gray=0.2)

    doc.page_end.insert(0, foot)


def _comb(doc, x, top, chars, groups, cw, ch, size, gap=5):
    """Characters one a cell, the cells in groups (a printed form's comb field)."""
    k = 0
    for g in groups:
        for _ in range(g):
            doc.rect(x, top, cw, ch, lw=0.5)
            if k < len(chars):
                doc.text(x + cw / 2, top + ch - (ch - size * 0.72) / 2, chars[k], size, align="centre")
            x += cw
            k += 1
        x += gap
    return x - gap


def id_comb_form(doc, I, rng):
    """A printed form: each field a box with its caption above, the birth date and the INS one
    digit a cell, the sex as ticked boxes."""
    size = max(8, min(I.size, 10.5))
    cap = max(6, size - 2.5)
    upper = rng.random() < 0.5
    cw = doc.sw("0", size) + 5
    ch = size + 6
    fields = [("text", rng.choice(["Nom de naissance", "NOM DE NAISSANCE", "Nom de famille (de naissance)"]),
               I.birth)]
    if I.used:
        fields.append(("text", rng.choice(["Nom d'usage", "Nom utilisé"]), I.used))
    given = I.first_names(rng, "all")
    fields.append(("text", rng.choice(["Prénom(s)", "Prénoms (dans l'ordre de l'état civil)"]),
                   M.insi(given) if upper else given))
    y, mo, d = I.iso.split("-")
    fields.append(("comb", rng.choice(["Date de naissance (JJ MM AAAA)", "Né(e) le", "Date de naissance"]),
                   (d + mo + y, [2, 2, 4])))
    fields.append(("sex", "Sexe", None))
    if I.place:
        fields.append(("text", "Pays de naissance" if I.abroad else rng.choice(["Commune de naissance",
                                                                                "Lieu de naissance"]),
                       M.insi(I.place_name) if upper else I.place_name))
        fields.append(("comb", "Code pays" if I.abroad else rng.choice(["Code INSEE", "Code commune (INSEE)"]),
                       (I.place, [5])))
    if I.ins:
        fields.append(("comb", rng.choice(["N° INS (NIR)", "Matricule INS", "Identifiant national de santé"]),
                       (I.ins, [1, 2, 2, 2, 3, 3, 2])))
    f = I.sex == "F"
    sex_opts = rng.choice([("F", "M"), ("Féminin", "Masculin"), ("Femme", "Homme")])
    if rng.random() < 0.5:
        sex_opts = sex_opts[::-1]
    box = size * 0.9

    def fw(kind, label, value):
        lw = doc.sw(label, cap) + 4
        if kind == "text":
            return max(lw, doc.sw(value, size, bold=True) + 12, 80)
        if kind == "comb":
            chars, groups = value
            return max(lw, sum(groups) * cw + 5 * (len(groups) - 1))
        return max(lw, sum(box + 4 + doc.sw(o, size) + 12 for o in sex_opts))

    width = doc.right - doc.left
    rows, cur, used = [], [], 0
    for kind, label, value in fields:
        w = fw(kind, label, value)
        if cur and used + w > width:
            rows.append(cur)
            cur, used = [], 0
        cur.append((kind, label, value, w))
        used += w + 14
    rows.append(cur)
    title = rng.choice(["IDENTIFICATION DU PATIENT", "Renseignements concernant le patient", "PATIENT(E)", None])
    step = cap + 4 + ch + 7
    doc.need(step * len(rows) + (size * 2 if title else 0) + 10)
    doc.mark("identity")
    if title:
        doc.line(title, size, bold=True)
        doc.gap(2)
    for row in rows:
        top = doc.y
        x = doc.left
        for kind, label, value, w in row:
            doc.text(x + 1, top + cap, label, cap, gray=0.3)
            ftop = top + cap + 3
            if kind == "text":
                doc.rect(x, ftop, w, ch, lw=0.5)
                doc.text(x + 4, ftop + ch - (ch - size * 0.72) / 2, value, size, bold=True)
            elif kind == "comb":
                chars, groups = value
                _comb(doc, x, ftop, chars, groups, cw, ch, size)
            else:
                xx = x
                for o in sex_opts:
                    bt = ftop + (ch - box) / 2
                    doc.rect(xx, bt, box, box, lw=0.6)
                    if (o[0] == "F") == f:
                        doc.text(xx + box / 2, bt + box * 0.85, "X", box * 0.9, bold=True, align="centre")
                    xx += box + 4
                    xx += doc.text(xx, ftop + ch - (ch - size * 0.72) / 2, o, size) + 12
            x += w + 14
        doc.y = top + step
    if I.ins and I.oid:
        doc.line("OID de l'INS : " + M.TEST_OID, cap + 0.5, gray=0.3)
    doc.unmark()
    doc.gap(size * 0.6)


def id_stay_card(doc, I, rng):
    """Opposite the letterhead: the stay and file numbers first, then the patient, behind a thick
    rule on the left."""
    W = M.W
    size = max(7.5, min(I.size - 0.5, 10))
    small = max(6.5, size - 1.5)
    lines = []  # (text, size, bold, gray)
    ids = []
    if I.nda:
        ids.append(rng.choice(["Séjour n° ", "N° de séjour : ", "Venue n° "]) + I.nda)
        I.uses.add("nda")
    if I.ipp:
        ids.append(rng.choice(["IPP ", "IPP : ", "Dossier "]) + I.ipp)
        I.uses.add("ipp")
    if not ids:
        ids.append("UF %04d" % rng.randint(1000, 9999))
    lines.append(("   ".join(ids), small, False, 0.3))
    given = I.first_names(rng, rng.choice(["all", "first", "all"]))
    civ = I.civ(rng, rng.choice(["short", "long", "upper"]))
    lines.append(("%s %s %s" % (civ, I.birth, given), size + 0.5, True, 0))
    if I.used:
        lines.append((rng.choice(["Nom utilisé : ", "Nom d'usage : "]) + I.used, size, False, 0))
    lines.append(("%s · %s" % (_sex(I, rng, ["word", "person"]), _age(I)), size, False, 0))
    born = "%s %s" % (rng.choice(["Né(e) le", I.born().capitalize() + " le", "DN"]),
                      _dn(I, rng, ["dash", "dot", "slash", "abbr"]))
    if I.place:
        born += " – " + _place(I, rng, ["paren", "bracket", "code-slash"])
    lines.append((born, size, False, 0))
    if I.ins:
        lines.append((rng.choice(["INS ", "INS : ", "Matr. INS "]) + _ins(I, rng, ["plain", "paren-key", "grouped",
                                                                                  "dash-key"]), size, False, 0))
        if I.oid:
            lines.append(("OID " + M.TEST_OID, small, False, 0.3))
    x_min = W / 2 + 8
    room = W - 30 - x_min - 10
    scale = 0
    while max(doc.sw(t, sz - scale, bold=b) for t, sz, b, _ in lines) > room and scale < 2:
        scale += 0.5
    wrapped = []
    for t, sz, b, g in lines:
        for part in doc.wrap(t, room, sz - scale, b):
            wrapped.append((part, sz - scale, b, g))
    widest = max(doc.sw(t, sz, bold=b) for t, sz, b, _ in wrapped)
    x = max(x_min, W - 30 - widest - 10)
    top = rng.choice([34, 42, 50])
    doc.mark("identity")
    y = top
    for t, sz, b, g in wrapped:
        y += doc.lead(sz) * 0.85
        doc.text(x + 9, y, t, sz, bold=b, gray=g)
        y += doc.lead(sz) * 0.15
    doc.vline(x + 1.5, top + 1, y + 3, rng.choice([2.0, 2.5, 3.0]))
    doc.unmark()
    return y + 8


def id_vigilance_table(doc, I, rng):
    """An identity-vigilance table: each trait with its value and the document it was checked on."""
    size = I.size
    f = I.sex == "F"
    doc_src = "Livret de famille" if I.child and rng.random() < 0.6 else \
        rng.choice(["Carte nationale d'identité", "Passeport", "CNI", "Titre de séjour"])
    insi = "Téléservice INSi"
    src = (lambda: insi) if I.ins else (lambda: doc_src)
    rows = [("Nom de naissance", I.birth, doc_src),
            (rng.choice(["Prénom(s) de naissance", "Prénoms"]), I.first_names(rng, rng.choice(["all", "all-comma"])),
             doc_src),
            ("Date de naissance", _dn(I, rng, ["slash", "dot", "words", "dash"]), src()),
            ("Sexe", _sex(I, rng, ["word", "letter", "person"]), src())]
    if I.place:
        rows.append(("Pays de naissance" if I.abroad else "Lieu de naissance",
                     _place(I, rng, ["paren", "code-slash", "bracket", "NAME-code"]), src()))
    if I.used:
        rows.append((rng.choice(["Nom utilisé", "Nom d'usage"]), I.used, rng.choice(["Déclaratif", doc_src])))
    if rng.random() < 0.3:
        rows.append(("Prénom utilisé", I.firsts[0], "Déclaratif"))
    if I.ins:
        rows.append((rng.choice(["Matricule INS", "INS (NIR)", "Matricule INS (NIR/NIA)"]), _ins(I, rng, INS_ANY),
                     insi))
        if I.oid:
            rows.append(("OID", M.TEST_OID, insi))
    if I.insured and rng.random() < 0.7:
        ins = I.insured
        rel = ("mère" if ins["civ"] == "Mme" else "père") if I.child else "conjoint(e)"
        rows.append(("Ouvrant droit", "%s %s %s (%s)" % (ins["civ"], ins["family"], ins["given"], rel),
                     "Attestation de droits"))
        rows.append(("NIR de l'ouvrant droit", M.ins_format(ins["nir"], rng.choice(["grouped", "plain"])).replace(
            " ", M.NBSP), "Carte Vitale"))
        I.insured = None
    if I.ipp and rng.random() < 0.5:
        rows.append(("IPP", I.ipp, "Établissement"))
        I.uses.add("ipp")
    head = rng.choice([("Trait", "Valeur", "Source"), ("Trait d'identité", "Valeur", "Justificatif"),
                       ("Donnée", "Valeur", "Origine")])
    status = ("Identité qualifiée" if rng.random() < 0.7 else "Identité récupérée, vérifiée") if I.ins else \
        rng.choice(["Identité provisoire", "Identité validée, INS non récupéré"])
    title = rng.choice(["Identitovigilance", "Identité %s" % ("de la patiente" if f else "du patient"),
                        "Traits d'identité"]) + " — statut : " + status
    width = doc.right - doc.left
    cols = 3

    def widths(sz, n):
        return [max(doc.sw(r[i], sz, bold=(j == 0)) for j, r in enumerate([head] + rows)) + 10 for i in range(n)]

    ws = widths(size, 3)
    while sum(ws) > width and size > 7:
        size -= 0.5
        ws = widths(size, 3)
    if sum(ws) > width:
        cols = 2
        ws = widths(size, 2)
        while sum(ws) > width and size > 6.5:
            size -= 0.5
            ws = widths(size, 2)
    if rng.random() < 0.5:
        ws[-1] += width - sum(ws)
    rh = doc.lead(size) + 4
    doc.need(rh * (len(rows) + 1) + doc.lead(size) * 2.5 + 12)
    doc.mark("identity")
    doc.para(title, size, bold=True, after=2)
    top = doc.y
    total = sum(ws)
    for j, r in enumerate([head] + rows):
        y = top + j * rh
        x = doc.left
        for i in range(cols):
            doc.rect(x, y, ws[i], rh, lw=0.4, fill=0.87 if j == 0 else None)
            doc.text(x + 4, y + rh - 4.5, r[i], size - (0.5 if i == 2 and j else 0), bold=(j == 0),
                     italic=(i == 2 and j > 0), gray=0.3 if (i == 2 and j) else 0)
            x += ws[i]
    doc.y = top + rh * (len(rows) + 1) + 2
    doc.hline(doc.left, doc.left + total, doc.y - 2, 0.8)
    doc.unmark()
    doc.gap(size)


def id_comma_name(doc, I, rng):
    """'NOM, Prénoms — Femme, née le …' then the other traits on dash-separated lines."""
    size = I.size
    given = I.first_names(rng, rng.choice(["all", "all", "all-comma"]))
    first = "%s, %s" % (I.birth, given)
    rest = "%s, %s %s" % (_sex(I, rng, ["person", "word"]), I.born(), "le " + _dn(I, rng, ["dash", "dot", "abbr",
                                                                                            "nozero", "slash"]))
    if rng.random() < 0.5:
        rest += " (%s)" % _age(I)
    sep = rng.choice(["  —  ", "  –  ", " ; "])
    second = []
    if I.used:
        second.append(rng.choice(["Nom utilisé : ", "Nom d'usage : ", "Usage : "]) + I.used)
    if I.place:
        second.append(rng.choice(["Lieu de naissance : ", "Lieu de naiss. : ", "Né(e) à "]) +
                      _place(I, rng, ["bracket", "paren", "insee-colon"]))
    third = []
    if I.ins:
        third.append(rng.choice(["Matricule INS : ", "INS : ", "N° INS : "]) + _ins(I, rng, ["paren-key", "dash-key",
                                                                                          "grouped-paren", "plain"]))
        if I.oid:
            third.append("OID : " + M.TEST_OID)
    if I.ipp and rng.random() < 0.4:
        third.append("IPP : " + I.ipp)
        I.uses.add("ipp")
    if rng.random() < 0.35:
        second.append(rng.choice(["Tél. : ", "Portable : "]) + _nb(_mobile(rng)))
    x = doc.left + rng.choice([0, 0, 12])
    bar = x > doc.left
    lines = [l for l in (sep.join(second), sep.join(third)) if l]
    doc.need(doc.lead(size) * (len(lines) + 3) + 6)
    doc.mark("identity")
    top = doc.y
    w1 = doc.sw(first, size + 0.5, bold=True)
    if x + w1 + doc.sw(sep + rest, size) <= doc.right:
        doc.need(doc.lead(size + 0.5))
        doc.y += doc.lead(size + 0.5) * 0.8
        doc.text(x, doc.y, first, size + 0.5, bold=True)
        doc.text(x + w1, doc.y, sep + rest, size)
        doc.y += doc.lead(size + 0.5) * 0.2
    else:
        doc.para(first, size + 0.5, bold=True, x=x, after=0)
        doc.para(rest, size, x=x, after=0)
    for ln in lines:
        doc.para(ln, size, x=x, after=0)
    if bar:
        doc.vline(doc.left + 3, top + 2, doc.y + 2, 1.2)
    doc.unmark()
    doc.gap(size)


def id_last_page_block(doc, I, rng):
    """A framed 'document concernant' block at the foot of the last page only."""
    size = rng.choice([7, 7.5, 8])
    given = I.first_names(rng, rng.choice(["all", "first"]))
    civ = I.civ(rng, rng.choice(["short", "long"]))
    if I.used:
        name = rng.choice(["%s %s %s, %s %s" % (civ, given, I.used, I.born(), I.birth),
                           "%s %s %s (%s)" % (civ, I.birth, given, _used_phrase(I, rng))])
    else:
        name = rng.choice(["%s %s %s" % (civ, given, I.birth), "%s %s %s" % (civ, I.birth, given)])
    parts = ["%s le %s" % (I.born().capitalize(), _dn(I, rng, ["slash", "dot", "words"]))]
    if I.place:
        parts[0] += _place_phrase(I, rng)
    parts.append("sexe : " + _sex(I, rng, ["letter", "lower"]))
    second = []
    if I.ins:
        second.append(rng.choice(["Matricule INS : ", "INS : "]) + _ins(I, rng, ["grouped", "plain", "blocks"]))
        if I.oid:
            second.append("OID : " + M.TEST_OID)
    if I.ipp and rng.random() < 0.5:
        second.append("IPP : " + I.ipp)
        I.uses.add("ipp")
    heading = rng.choice(["Document concernant :", "Patient(e) concerné(e) :", "Ce document concerne :"])
    L = doc.letter
    texts = [heading + " " + name, ", ".join(parts)] + (["   ".join(second)] if second else [])

    def foot(d):
        last = getattr(L, "pages", None)
        if last is None or d.page != last:
            return  # known from the second pass on (the page count of the first)
        width = d.right - d.left - 12
        sz = size
        while sz > 6 and len([p for t in texts for p in d.wrap(t, width, sz)]) > 4:
            sz -= 0.5
        lines = [p for t in texts for p in d.wrap(t, width, sz)]
        lead = sz * 1.3
        h = lead * len(lines) + 6
        top = M.H - 106
        d.mark("identity")
        d.rect(d.left, top, d.right - d.left, h, lw=0.5)
        y = top + 2
        for k, t in enumerate(lines):
            y += lead * 0.85
            d.text(d.left + 6, y, t, sz, bold=(k == 0 and t.startswith(heading)))
            y += lead * 0.15
        d.unmark()

    doc.page_end.insert(0, foot)


def id_margin_strip(doc, I, rng):
    """The patient printed up the left margin of every page (a side label, read bottom to top)."""
    given = I.first_names(rng, rng.choice(["all", "first"]))
    if I.used:
        name = "%s %s (%s)" % (I.birth, given, _used_phrase(I, rng))
    else:
        name = "%s %s" % (I.birth, given)
    parts = [rng.choice(["Patient(e) : ", "Patient : ", ""]) + name,
             "%s %s" % (rng.choice(["né(e) le", I.born() + " le", "DDN"]), _dn(I, rng, ["slash", "dot", "dash"])),
             "sexe " + _sex(I, rng, ["letter", "lower"])]
    if I.place:
        parts.append(rng.choice(["lieu de naissance ", "né(e) à "]) + _place(I, rng, ["paren", "bracket", "code"]))
    optional = []
    if I.ins:
        parts.append("INS " + _ins(I, rng, ["grouped", "plain", "paren-key"]))
        if I.oid:
            optional.append("OID " + M.TEST_OID)
    if I.ipp:
        optional.append("IPP " + I.ipp)
    sep = rng.choice([" – ", "  |  ", " · "])
    length = 600
    size = rng.choice([6.5, 7])
    text = sep.join(parts + optional)
    while doc.sw(text, size) > length and optional:
        optional.pop()
        text = sep.join(parts + optional)
    while doc.sw(text, size) > length and size > 5.5:
        size -= 0.5
    if any(o.startswith("IPP") for o in optional):
        I.uses.add("ipp")
    text = text.replace(M.NBSP, " ")
    w = doc.sw(text, size)
    x = 23.5
    y0 = (M.H - w) / 2 + rng.choice([-20, 0, 20])  # from the bottom, the middle of the page

    def strip(d):
        if d.page == 1:
            d.mark("identity")
        c = d.c
        c.saveState()
        c.setFillGray(0)
        c.setFont(d.fontname(), size)
        c.translate(x, y0)
        c.rotate(90)
        c.drawString(0, 0, text)
        c.restoreState()
        d.add_box((x - size * 0.8, M.H - y0 - w, x + size * 0.25, M.H - y0))
        d.unmark()

    doc.page_end.insert(0, strip)


def id_parenthesis(doc, I, rng, reason):
    """The body opens on the patient, the birth and the INS in a parenthesis after the name."""
    size = doc.size
    f = I.sex == "F"
    e = "e" if f else ""
    given = I.first_names(rng, rng.choice(["first", "all"]))
    fam = I.used or I.birth
    if I.child:
        lead_in = rng.choice(["L'enfant", "Votre jeune patient" + e])
        who = "%s %s" % (given, fam)
    else:
        lead_in = rng.choice(["Votre patient" + e + ",", "Votre patient" + e])
        who = "%s %s %s" % (I.civ(rng, rng.choice(["long", "short"])), given, fam)
    born = I.born() + ((" " + I.birth) if I.used else "") + " le " + _dn(I, rng, ["dot", "slash", "words", "dash"])
    if I.place:
        if I.abroad:
            born += " (%s, %s)" % (I.place_name, I.place) if rng.random() < 0.5 else _place_phrase(I, rng)
        else:
            born += rng.choice([" à %s – INSEE %s" % (I.place_name, I.place), " à %s [%s]" % (I.place_name, I.place)])
    details = [born]
    if rng.random() < 0.4:
        details.append("sexe " + _sex(I, rng, ["letter", "lower"]))
    if I.ins:
        details.append(rng.choice(["INS ", "INS : ", "matricule INS "]) + _ins(I, rng, ["grouped", "plain", "dots",
                                                                                     "grouped-paren"]))
        if I.oid:
            details.append("OID " + M.TEST_OID)
    verb = rng.choice(["a été reçu%s en consultation" % e, "a été hospitalisé%s dans notre service" % e,
                       "s'est présenté%s à la consultation" % e, "a été pris%s en charge" % ("e" if f else "")])
    if I.child and rng.random() < 0.6:
        # Another person, with a birth date of their own, right after the patient.
        if I.insured:
            mother = I.insured["civ"] == "Mme"
            person = "%s %s %s" % (I.insured["civ"], I.insured["family"], I.insured["given"])
        else:
            mother = rng.random() < 0.6
            person = "%s %s %s" % ("Mme" if mother else "M.", I.birth, rng.choice(M.GIVEN_F if mother else M.GIVEN_M))
        parent = "%s %s" % ("sa mère" if mother else "son père", person)
        if rng.random() < 0.5:
            parent += " (%s le %s)" % ("née" if mother else "né", _nb(M.fr_date("%04d-%02d-%02d" % (
                rng.randint(1975, 1996), rng.randint(1, 12), rng.randint(1, 28)), "slash")))
        verb = "accompagné%s de %s, %s" % (e, parent, verb)
    sep = rng.choice([" ; ", " – ", ", "])
    if lead_in.endswith(","):
        s = "%s %s (%s), %s %s." % (lead_in, who, sep.join(details), verb, reason)
    else:
        s = "%s %s (%s) %s %s." % (lead_in, who, sep.join(details), verb, reason)
    doc.mark("identity")
    doc.para(s, size, keep=True)
    doc.unmark()


def id_memo_header(doc, I, rng):
    """A memo heading between two rules: capitals labels ('DE :', 'PATIENT :', 'NÉ(E) LE :'…) on
    a tab stop."""
    size = I.size
    f = I.sex == "F"
    a = doc.letter.author
    rows = []
    if rng.random() < 0.6:
        who = "%s %s %s – %s" % ("Pr" if a.title == "PR" else "Dr", a.given, a.family, M.service_of(a.service))
        if rng.random() < 0.4:
            who += " (RPPS %s)" % a.rpps
        rows.append(("DE", who))
    given = I.first_names(rng, rng.choice(["all", "first", "all-comma"]))
    rows.append((rng.choice(["PATIENTE" if f else "PATIENT", "PATIENT(E)", "NOM"]),
                 rng.choice(["%s %s", "%s, %s"]) % (I.birth, given)))
    if I.used:
        rows.append((rng.choice(["NOM D'USAGE", "NOM UTILISÉ"]), I.used))
    born = _dn(I, rng, ["words", "dot", "slash", "abbr"])
    if I.place:
        born += rng.choice([" à ", " – "]) + _place(I, rng, ["paren", "bracket", "insee-colon"])
    rows.append((rng.choice(["NÉ(E) LE", "NAISSANCE", "DATE DE NAISSANCE"]), born))
    rows.append(("SEXE", _sex(I, rng, ["word", "letter", "upper"])))
    if I.ins:
        v = _ins(I, rng, INS_ANY)
        if I.oid:
            v += " (OID %s)" % M.TEST_OID
        rows.append((rng.choice(["INS", "MATRICULE INS", "INS/NIR"]), v))
    refs = []
    if I.ipp:
        refs.append("IPP " + I.ipp)
        I.uses.add("ipp")
    if I.nda and rng.random() < 0.6:
        refs.append("séjour " + I.nda)
        I.uses.add("nda")
    if refs:
        rows.append((rng.choice(["RÉF.", "DOSSIER"]), " / ".join(refs)))
    if rng.random() < 0.4:
        rows.append((rng.choice(["TÉL.", "TÉL. PATIENT"]), _nb(_mobile(rng))))
    colon = rng.choice([" :", ":"])
    bold_label = rng.random() < 0.7
    tab = doc.left + max(doc.sw(lb + colon, size, bold=bold_label) for lb, _ in rows) + rng.choice([10, 18, 26])
    lines = []
    for lb, v in rows:
        parts = doc.wrap(v, doc.right - tab, size)
        lines.append((lb + colon, parts[0]))
        lines += [(None, p) for p in parts[1:]]
    lead = doc.lead(size)
    doc.need(lead * len(lines) + 16)
    doc.mark("identity")
    doc.hline(doc.left, doc.right, doc.y + 2, rng.choice([0.8, 1.2]))
    doc.y += 5
    for lb, v in lines:
        doc.y += lead * 0.8
        if lb:
            doc.text(doc.left, doc.y, lb, size, bold=bold_label)
        doc.text(tab, doc.y, v, size)
        doc.y += lead * 0.2
    doc.y += 3
    doc.hline(doc.left, doc.right, doc.y, 0.5)
    doc.unmark()
    doc.gap(size)


def id_insi_return(doc, I, rng):
    """The traits as the national identity service returns them (capitals, no accents) in a framed
    box with a title bar; the names in use on a line under it."""
    size = I.size
    when = M.fr_date("2026-%02d-%02d" % (rng.randint(1, 11), rng.randint(1, 28)), "slash")
    if I.ins:
        title = rng.choice(["Identité INS – retour du téléservice INSi du %s" % _nb(when),
                            "Données d'identité issues du téléservice INSi", "Identité nationale de santé (INSi)"])
    else:
        title = rng.choice(["Identité provisoire (INS non récupéré)", "Identité locale – INS non disponible"])
    rows = [("Nom de naissance", M.insi(I.birth)),
            (rng.choice(["Prénom(s) de naissance", "Liste des prénoms"]), M.insi(I.first_names(rng, "all"))),
            ("Sexe", _sex(I, rng, ["letter", "letter", "upper"]).replace("É", "E")),
            ("Date de naissance", _dn(I, rng, ["slash", "iso", "slash"]))]
    if I.place:
        rows.append((rng.choice(["Lieu de naissance (code)", "Code lieu de naissance"]), I.place))
    if I.ins:
        rows.append(("Matricule INS", _ins(I, rng, ["plain", "plain", "grouped"])))
        if I.oid or rng.random() < 0.5:
            rows.append(("OID", M.TEST_OID))
    local = []
    if I.used:
        local.append(rng.choice(["Nom utilisé : ", "Nom d'usage : "]) + I.used)
    if rng.random() < 0.5 or I.used:
        local.append("Prénom utilisé : " + I.firsts[0])
    sep = rng.choice([" : ", "  "])
    width = doc.right - doc.left
    half = (width - 12) / 2
    bold = sep == "  " or rng.random() < 0.5

    def w_of(rows_, sz):
        return max(doc.sw(lb + sep, sz, italic=True) + doc.sw(v, sz, bold=bold) for lb, v in rows_)

    k = (len(rows) + 1) // 2
    two = w_of(rows, size) <= half - 8 and rng.random() < 0.8
    columns = [rows[:k], rows[k:]] if two else [rows]
    if not two:
        while size > 6.5 and w_of(rows, size) > width - 16:
            size -= 0.5
    lead = doc.lead(size)
    tb = lead * 1.3
    n = max(len(c) for c in columns)
    h = tb + lead * n + 8
    doc.need(h + lead * 2 + 8)
    doc.mark("identity")
    top = doc.y
    doc.rect(doc.left, top, width, h, lw=0.6)
    doc.rect(doc.left, top, width, tb, lw=0.6, fill=rng.choice([0.85, 0.9]))
    doc.text(doc.left + 6, top + tb - lead * 0.35, title, _fit(doc, [title], width - 12, max(7, size - 0.5), bold=True),
             bold=True)
    for c, col_rows in enumerate(columns):
        x = doc.left + 8 + c * (half + 12)
        y = top + tb + 2
        for lb, v in col_rows:
            y += lead * 0.8
            w = doc.text(x, y, lb + sep, size, italic=True, gray=0.3)
            doc.text(x + w, y, v, size, bold=bold)
            y += lead * 0.2
    doc.y = top + h
    if local:
        doc.para(rng.choice(["  ", " – "]).join(local), size - 0.5, x=doc.left + 8, after=0)
    doc.unmark()
    doc.gap(size)


def id_right_aligned(doc, I, rng):
    """The patient in a block set flush right, under the title."""
    size = I.size
    f = I.sex == "F"
    civ = I.civ(rng, rng.choice(["short", "long"]))
    given = I.first_names(rng, rng.choice(["first", "all", "all"]))
    head = rng.choice(["Concerne : ", "Patient(e) : ", "Patiente : " if f else "Patient : ", ""])
    if I.used:
        name = rng.choice(["%s%s %s %s, %s %s" % (head, civ, given, I.used, I.born(), I.birth),
                           "%s%s %s %s (%s)" % (head, civ, I.birth, given, _used_phrase(I, rng))])
    else:
        name = rng.choice(["%s%s %s %s" % (head, civ, given, I.birth), "%s%s %s %s" % (head, civ, I.birth, given)])
    lines = [(name, True)]
    born = "%s le %s" % (I.born(), _dn(I, rng, ["words", "dash", "dot", "abbr"]))
    if I.place:
        born += _place_phrase(I, rng)
    lines.append((born, False))
    third = ["Sexe : " + _sex(I, rng, ["letter", "word"])]
    if I.ins:
        third.append(rng.choice(["INS n° ", "Matricule INS : ", "INS : "]) + _ins(I, rng, INS_ANY))
    lines.append((rng.choice(["  –  ", "    "]).join(third), False))
    if I.ins and I.oid:
        lines.append(("OID " + M.TEST_OID, False))
    if I.ipp and rng.random() < 0.5:
        lines.append(("N° IPP : " + I.ipp, False))
        I.uses.add("ipp")
    right = doc.right - rng.choice([0, 0, 10])
    width = right - doc.left - 40
    out = []
    for t, b in lines:
        out += [(p, b) for p in doc.wrap(t, width, size, b)]
    lead = doc.lead(size)
    doc.need(lead * len(out) + 8)
    doc.mark("identity")
    for t, b in out:
        doc.y += lead * 0.8
        doc.text(right, doc.y, t, size, bold=b, align="right")
        doc.y += lead * 0.2
    doc.unmark()
    doc.gap(size)


IDENTITY_FAMILIES = {
    "e-id-a": (id_fieldset, "flow"),
    "e-id-b": (id_dark_band, "band"),
    "e-id-c": (id_sentence_ins_footer, "body"),
    "e-id-d": (id_comb_form, "flow"),
    "e-id-e": (id_stay_card, "top-right"),
    "e-id-f": (id_vigilance_table, "flow"),
    "e-id-g": (id_comma_name, "flow"),
    "e-id-h": (id_last_page_block, "footer"),
    "e-id-i": (id_margin_strip, "flow"),
    "e-id-j": (id_parenthesis, "body"),
    "e-id-k": (id_memo_header, "flow"),
    "e-id-l": (id_insi_return, "flow"),
    "e-id-m": (id_right_aligned, "flow"),
}


# ---------------------------------------------------------------------------------------------
# Professionals


def _pname(p, rng, form):
    """(text, given form) of a professional's name in the spellings of these families."""
    f = p.sex == "F"
    pr = p.title == "PR"
    short = "Pr" if pr else "Dr"
    word = "Professeur" if pr else "Docteur"
    if form == "word-given-family":
        return "%s %s %s" % (word, p.given, p.family), "full"
    if form == "word-family-given":
        return "%s %s %s" % (word, p.family, p.given), "full"
    if form == "civ-word":
        return "%s le %s %s %s" % ("Madame" if f else "Monsieur", word, p.given, p.family), "full"
    if form == "initials":
        return "%s %s %s" % (short, M.initials(p.given), p.family), "initial"
    if form == "word-family":
        return "%s %s" % (word, p.family), "none"
    if form == "cap-family":
        return "%s %s %s" % (short, p.given, M.cap_name(p.family)), "full"
    if form == "family-given":
        return "%s %s %s" % (short, p.family, p.given), "full"
    return "%s %s %s" % (short, p.given, p.family), "full"  # "short-given-family"


def _spec(p, rng):
    if p.spec is None:
        return p.profession[1]
    if p.spec[0] == M.GP:
        return rng.choice(["Médecine générale", "Médecin généraliste", "Médecin traitant"])
    return rng.choice(p.spec[2])


def _site(p, rng):
    return p.site.title().replace("De ", "de ").replace("D'", "d'").replace("Du ", "du ").replace("Des ", "des ") \
        if rng.random() < 0.5 else p.site


def _layout(doc, x, items, right_limit):
    """Items (text, size, bold, italic, gray) wrapped to stay left of right_limit, shrunk a little
    first: [(text, size, bold, italic, gray)] one a line."""
    smallest = min(it[1] for it in items)
    scale = 0
    while max(doc.sw(t, sz - scale, bold=b, italic=i) for t, sz, b, i, _ in items) > right_limit - x and \
            scale < 2 and smallest - scale > 7:
        scale += 0.5
    out = []
    for t, sz, b, i, g in items:
        for part in doc.wrap(t, right_limit - x, sz - scale, b, i):
            out.append((part, sz - scale, b, i, g))
    return out


def _draw(doc, x, top, lines):
    y = top
    for t, sz, b, i, g in lines:
        y += doc.lead(sz) * 0.8
        doc.text(x, y, t, sz, bold=b, italic=i, gray=g)
        y += doc.lead(sz) * 0.2
    return y


def _height(doc, lines):
    return sum(doc.lead(sz) for _, sz, _, _, _ in lines)


def _win_top(doc, rng):
    return max(rng.choice([138, 146, 154, 162]), getattr(doc, "header_bottom", 0) + 8)


def _right_x(doc, rng, lines, x, min_x):
    widest = max(doc.sw(t, sz, bold=b, italic=i) for t, sz, b, i, _ in lines)
    if x + widest > M.W - 30:
        x = max(min_x, M.W - 30 - widest)
    return x


def _postal(p, rng, size, cedex=True):
    """Street (a CS or BP line sometimes), then the postcode and the city."""
    items = []
    if p.salaried and cedex and rng.random() < 0.4:
        items.append((rng.choice(["CS %d" % rng.randint(20000, 99999), "BP %d" % rng.randint(10, 999)]), size, False,
                      False, 0))
    items.append((p.street_line(), size, False, False, 0))
    upper = rng.random() < 0.75
    city = M.city_text(p, rng, upper=upper)
    suffix = ""
    if p.salaried and cedex and rng.random() < 0.4:
        suffix = rng.choice([" CEDEX", " CEDEX %d" % rng.randint(1, 9)]) if upper else " Cedex"
    items.append(("%s %s%s" % (p.postcode, city, suffix), size, False, False, 0))
    return items, city


def ad_rpps_window(doc, L, rng):
    """Right window: the name, its RPPS number under it, the specialty and the address; the
    salutation follows the addressee's sex."""
    p = L.to
    form = rng.choice(["word-given-family", "short-given-family", "civ-word", "word-family-given"])
    name, gf = _pname(p, rng, form)
    size = min(doc.size + rng.choice([0, 0.5]), 11)
    items = [(name, size, rng.random() < 0.6, False, 0)]
    if p.listed:  # software prints the number it holds
        items.append((rng.choice(["RPPS : %s", "N° RPPS %s", "RPPS %s"]) % p.rpps, size - 1.5, False, False, 0.25))
    items.append((_spec(p, rng), size, False, rng.random() < 0.4, 0))
    if p.salaried:
        items.append((M.service_of(p.service), size, False, False, 0))
        items.append((_site(p, rng), size, False, False, 0))
    postal, city = _postal(p, rng, size)
    items += postal
    L.mentions.add(p, "to", name, gf, city, p.postcode)
    f = p.sex == "F"
    L.salutation = rng.choice(["Chère Consœur," if f else "Cher Confrère,", "Chère Madame, chère Consœur," if f
                               else "Cher Monsieur, cher Confrère,", "Cher Collègue,"])
    lines = _layout(doc, rng.choice([305, 318, 330]), items, M.W - 30)
    x = _right_x(doc, rng, lines, rng.choice([305, 318, 330]), M.W / 2 - 30)
    return _draw(doc, x, _win_top(doc, rng), lines) + 4


def ad_mss_flow(doc, L, rng):
    """A line of the flow telling where the letter was sent: the secure mailbox, or the post."""
    p = L.to
    name, gf = _pname(p, rng, rng.choice(["short-given-family", "family-given", "initials", "word-given-family"]))
    city = M.city_text(p, rng, upper=rng.random() < 0.6)
    spec = _spec(p, rng).lower().replace("orl", "ORL")
    if p.mssante and rng.random() < 0.85:
        lead_in = rng.choice(["Envoi par messagerie sécurisée de santé à :", "Transmis par MSSanté à :",
                              "Envoyé via MSSanté à"])
        text = "%s %s <%s>, %s, %s" % (lead_in, name, p.mssante, spec, _nb(city))
        pc = None
        if rng.random() < 0.4:
            text = "%s %s <%s>, %s, %s" % (lead_in, name, p.mssante, spec, _nb("%s %s" % (p.postcode, city)))
            pc = p.postcode
    else:
        lead_in = rng.choice(["Envoi postal à :", "Adressé par courrier à :"])
        text = "%s %s, %s, %s, %s" % (lead_in, name, spec, p.street_line(), _nb("%s %s" % (p.postcode, city)))
        pc = p.postcode
    L.mentions.add(p, "to", name, gf, city, pc)
    L.flow_addressee = text
    return None


def ad_service_first(doc, L, rng):
    """Right window opening on the service in capitals, the doctor through their secretariat."""
    p = L.to
    form = rng.choice(["short-given-family", "word-given-family", "word-family-given", "initials"])
    name, gf = _pname(p, rng, form)
    size = min(doc.size + rng.choice([0, 0.5]), 11)
    items = []
    if p.salaried:
        items.append((M.insi(M.service_of(p.service)) if rng.random() < 0.5 else M.service_of(p.service).upper(),
                      size, True, False, 0))
        items.append((rng.choice(["Secrétariat du ", "À l'attention du ", "Unité du "]) + name, size, False, False, 0))
        items.append((_site(p, rng), size, False, False, 0))
        items.append((rng.choice(["Bâtiment %s, %s étage" % (rng.choice("ABCDEF"), rng.choice(["1er", "2e", "3e",
                                                                                             "4e"])),
                                  "Pavillon %s" % rng.choice(["Laennec", "Pasteur", "Charcot", "Bichat"]),
                                  "Porte %d" % rng.randint(1, 30)]), size - 0.5, False, False, 0))
    else:
        spec = M.de(M.lower_service(p.spec[3])) if p.spec else "de groupe"
        items.append((rng.choice(["CABINET " + M.insi(spec), "Cabinet " + spec, "CABINET MÉDICAL"]), size, True,
                      False, 0))
        items.append((rng.choice(["Secrétariat du ", "À l'attention du "]) + name, size, False, False, 0))
        if rng.random() < 0.5:
            items.append((rng.choice(["Résidence du Parc, bât. %s" % rng.choice("ABC"), "1er étage",
                                      "Entrée rue arrière"]), size - 0.5, False, False, 0))
    postal, city = _postal(p, rng, size)
    items += postal
    L.mentions.add(p, "to", name, gf, city, p.postcode)
    lines = _layout(doc, rng.choice([300, 312, 325]), items, M.W - 30)
    x = _right_x(doc, rng, lines, rng.choice([300, 312, 325]), M.W / 2 - 35)
    return _draw(doc, x, _win_top(doc, rng), lines) + 4


def ad_bottom_left(doc, L, rng):
    """No window: the addressee at the bottom left of the first page, as administrations print it."""
    p = L.to
    name, gf = _pname(p, rng, rng.choice(["civ-word", "word-given-family", "short-given-family",
                                          "word-family-given"]))
    size = max(8, min(doc.size - 0.5, 10))
    items = [(rng.choice(["Destinataire :", "DESTINATAIRE", "Adressé à :"]), size - 1.5, True, False, 0.35),
             (name, size, True, False, 0)]
    if rng.random() < 0.6:
        items.append((_spec(p, rng), size, False, True, 0))
    if p.salaried:
        items.append((M.service_of(p.service), size, False, False, 0))
        items.append((_site(p, rng), size, False, False, 0))
    postal, city = _postal(p, rng, size)
    items += postal
    L.mentions.add(p, "to", name, gf, city, p.postcode)
    x = doc.left
    lines = _layout(doc, x, items, min(doc.right, x + 300))
    h = _height(doc, lines)
    orig = doc.st.bottom
    top = orig - h - 2
    if rng.random() < 0.5:
        doc.hline(x, x + 40, top - 3, 0.6)
    _draw(doc, x, top, lines)
    doc.st.bottom = top - 14

    def restore(d):
        d.st.bottom = orig

    doc.page_start.insert(0, restore)
    return None


def ad_return_address(doc, L, rng):
    """Right window with the sender's address in small type over it, as windowed envelopes show."""
    p = L.to
    h = L.hospital
    a = L.author
    name, gf = _pname(p, rng, rng.choice(["word-given-family", "word-family-given", "short-given-family",
                                          "cap-family", "initials"]))
    size = min(doc.size + rng.choice([0, 0.5]), 11)
    sender = rng.choice(["%s – %s – %s %s" % (h["short"], "%s %s %s" % (h["street"][0], h["street"][2],
                                                                        h["street"][3]), h["city"][0], h["city"][2]),
                         "Exp. : %s, %s, %s %s" % (M.service_of(a.service), h["short"], h["city"][0], h["city"][2])])
    items = [(name, size, rng.random() < 0.5, False, 0)]
    if not p.salaried and rng.random() < 0.6:
        items.append((_spec(p, rng), size, False, False, 0))
    if p.salaried:
        items.append((_site(p, rng), size, False, False, 0))
        if rng.random() < 0.6:
            items.append((M.service_of(p.service), size, False, False, 0))
    postal, city = _postal(p, rng, size)
    items += postal
    L.mentions.add(p, "to", name, gf, city, p.postcode)
    x = rng.choice([300, 312, 322])
    lines = _layout(doc, x, items, M.W - 30)
    x = _right_x(doc, rng, lines, x, M.W / 2 - 35)
    top = _win_top(doc, rng)
    ssz = _fit(doc, [sender], M.W - 30 - x, 6.5, floor=5)
    w = doc.text(x, top, sender, ssz, gray=0.2)
    doc.hline(x, x + w, top + 2, 0.4)
    return _draw(doc, x, top + 6, lines) + 4


def ad_group_practice(doc, L, rng):
    """Left window: the group practice (or the hospital pole) first, then the doctor."""
    p = L.to
    name, gf = _pname(p, rng, rng.choice(["short-given-family", "word-given-family", "family-given", "initials"]))
    size = min(doc.size, 10.5)
    items = []
    if p.salaried:
        items.append((_site(p, rng), size, True, False, 0))
        items.append(("Pôle " + M.lower_service(p.service), size, False, False, 0))
        items.append((name, size, False, False, 0))
    else:
        partner = M.pick_surname(rng)
        while M.key_name(partner) == M.key_name(p.family):
            partner = M.pick_surname(rng)
        pair = [p.family, partner] if rng.random() < 0.5 else [partner, p.family]
        items.append((rng.choice(["SCM des Docteurs %s et %s", "Cabinet médical %s – %s",
                                  "Cabinet des Drs %s et %s"]) % tuple(pair), size, True, False, 0))
        items.append((name, size, False, False, 0))
        if rng.random() < 0.5:
            items.append((_spec(p, rng), size, False, True, 0))
    postal, city = _postal(p, rng, size)
    items += postal
    L.mentions.add(p, "to", name, gf, city, p.postcode)
    x = rng.choice([52, 60, 68])
    lines = _layout(doc, x, items, M.W / 2 - 10)
    return _draw(doc, x, _win_top(doc, rng), lines) + 4


def ad_service_only(doc, L, rng):
    """Right window to a department with no doctor named (the letter has no named addressee)."""
    city = rng.choice(M.CITIES)
    town = M.title_city(city[2])
    spec = rng.choice(M.SPECIALTIES)
    kind = rng.choice(["Centre hospitalier " + M.de(town), "CHU " + M.de(town), "Clinique " + rng.choice(
        ["du Parc", "des Cèdres", "Saint-Joseph", "de l'Océan"])])
    st = rng.choice(M.STREETS)
    size = min(doc.size + 0.5, 11)
    lines = [rng.choice(["Secrétariat médical", "Accueil des consultations", "Bureau des entrées"]),
             M.service_of(spec[3]), kind, "%d %s %s" % (rng.randint(1, 90), st[1], st[2]),
             "%s %s" % (city[0], city[2] if rng.random() < 0.8 else town)]
    L.salutation = rng.choice(["Madame, Monsieur,", "Chers Collègues,", "Madame, Monsieur, chers Confrères,"])
    items = [(t, size, k == 1, False, 0) for k, t in enumerate(lines)]
    out = _layout(doc, 315, items, M.W - 30)
    x = _right_x(doc, rng, out, rng.choice([305, 318]), M.W / 2 - 30)
    return _draw(doc, x, _win_top(doc, rng), out) + 4


# (draw, window: "right" | "left" | "none" | "flow" | "both", needs a professional addressee)
ADDRESSEE_FAMILIES = {
    "e-ad-a": (ad_rpps_window, "right", True),
    "e-ad-b": (ad_mss_flow, "flow", True),
    "e-ad-c": (ad_service_first, "right", True),
    "e-ad-d": (ad_bottom_left, "none", True),
    "e-ad-e": (ad_return_address, "right", True),
    "e-ad-f": (ad_group_practice, "left", True),
    "e-ad-g": (ad_service_only, "right", False),
}


# ---------------------------------------------------------------------------------------------
# Copies


def _patient_copy(L, rng):
    f = L.ident.sex == "F"
    fam = L.ident.used or L.ident.birth
    return rng.choice(["%s %s (%s)" % ("Mme" if f else "M.", fam, "patiente" if f else "patient"),
                       "la patiente" if f else "le patient", "l'intéressé%s" % ("e" if f else "")])


def _copy_name(p, rng):
    return _pname(p, rng, rng.choice(["short-given-family", "family-given", "initials", "word-given-family",
                                      "cap-family"]))


def cp_mss_list(doc, L, rng):
    """The copies one a line with the channel: the secure mailbox, or the post; the patient's copy
    in their health space."""
    lines = []
    for p in L.copies:
        name, gf = _copy_name(p, rng)
        city = M.city_text(p, rng, upper=rng.random() < 0.5)
        if p.mssante:
            lines.append("%s (%s) – %s" % (name, _nb(city), p.mssante))
        else:
            lines.append("%s (%s) – %s" % (name, _nb(city), rng.choice(["par courrier", "envoi postal"])))
        L.mentions.add(p, "cc", name, gf, city, None)
    if L.copy_patient:
        lines.append(rng.choice(["%s – Mon espace santé" % _patient_copy(L, rng),
                                 "%s – remis en main propre" % _patient_copy(L, rng)]))
    if not lines:
        return
    size = max(7.5, doc.size - 1)
    doc.need(doc.lead(size) * (len(lines) + 1))
    doc.line(rng.choice(["Copies transmises :", "Envoi en copie :", "Copie(s) par messagerie sécurisée :"]), size,
             bold=rng.random() < 0.6)
    x = doc.left + rng.choice([10, 16])
    for t in lines:
        doc.para(t, size, x=x, after=0)


def cp_pinned_bottom(doc, L, rng):
    """The copies in small type at the foot of the last page, above the page footer, under a rule."""
    entries = []
    for p in L.copies:
        name, gf = _copy_name(p, rng)
        city = M.city_text(p, rng)
        spec = _spec(p, rng).lower().replace("orl", "ORL")
        entries.append(rng.choice(["%s, %s, %s" % (name, spec, _nb(city)), "%s (%s)" % (name, _nb(city))]))
        L.mentions.add(p, "cc", name, gf, city, None)
    if L.copy_patient:
        entries.append(_patient_copy(L, rng))
    if not entries:
        return
    size = max(7, doc.size - 2)
    text = rng.choice(["Copies : ", "Copie à : ", "Cc : "]) + " – ".join(entries)
    lines = doc.wrap(text, doc.right - doc.left, size)
    lead = size * 1.3
    h = lead * len(lines) + 6
    doc.need(h + 8)
    top = doc.st.bottom - h
    doc.hline(doc.left, doc.left + 120, top, 0.4, 0.3)
    y = top + 2
    for t in lines:
        y += lead * 0.85
        doc.text(doc.left, y, t, size)
        y += lead * 0.15
    doc.y = max(doc.y, y + 2)


def cp_numbered(doc, L, rng):
    """'Original : …' then 'Copie 1 : …', 'Copie 2 : …', each with its address."""
    lines = [("Original", rng.choice(["destinataire", "dossier du patient", "dossier médical"]))]
    for k, p in enumerate(L.copies):
        name, gf = _copy_name(p, rng)
        city = M.city_text(p, rng)
        if rng.random() < 0.5:
            lines.append(("Copie %d" % (k + 1), "%s, %s, %s" % (name, p.street_line(), _nb("%s %s" % (p.postcode,
                                                                                                    city)))))
            L.mentions.add(p, "cc", name, gf, city, p.postcode)
        else:
            lines.append(("Copie %d" % (k + 1), "%s – %s" % (name, _nb(city))))
            L.mentions.add(p, "cc", name, gf, city, None)
    if L.copy_patient:
        lines.append(("Copie %d" % len(lines), _patient_copy(L, rng)))
    if len(lines) == 1:
        return
    size = max(7.5, doc.size - 1)
    tab = doc.left + doc.sw("Copie 9 : ", size) + 4
    doc.need(doc.lead(size) * (len(lines) + 1))
    doc.gap(size * 0.4)
    for lb, v in lines:
        doc.need(doc.lead(size))
        doc.text(doc.left, doc.y + doc.lead(size) * 0.8, lb + " :", size, italic=True)
        doc.para(v, size, x=tab, after=0)


def cp_pour_information(doc, L, rng):
    """Under the date, 'Pour information :' and the copies under one another on a hanging indent."""
    entries = []
    for p in L.copies:
        name, gf = _copy_name(p, rng)
        city = M.city_text(p, rng)
        entries.append("%s – %s" % (name, _nb(city)) if rng.random() < 0.6 else "%s, %s à %s" % (
            name, _spec(p, rng).lower().replace("orl", "ORL"), _nb(city)))
        L.mentions.add(p, "cc", name, gf, city, None)
    if L.copy_patient:
        entries.append(_patient_copy(L, rng))
    if not entries:
        return
    size = max(7.5, doc.size - 1)
    label = rng.choice(["Pour information :", "Pour information à :", "Copie pour info. :"])
    tab = doc.left + doc.sw(label + " ", size, bold=True)
    doc.need(doc.lead(size) * (len(entries) + 1))
    doc.text(doc.left, doc.y + doc.lead(size) * 0.8, label, size, bold=True)
    for e in entries:
        doc.para(e, size, x=tab, after=0)
    doc.gap(size * 0.5)


def cp_file_copy(doc, L, rng):
    """No professional in copy: the file copy and, sometimes, the patient's copy."""
    f = L.ident.sex == "F"
    size = max(7.5, doc.size - 1)
    r = rng.random()
    if r < 0.35:
        doc.line(rng.choice(["Copie : dossier médical", "Copie au dossier patient", "Copie : DPI"]), size,
                 italic=True)
    elif r < 0.55:
        doc.line("Document déposé dans le DMP (Mon espace santé).", size, italic=True)
    if L.copy_patient:
        doc.line(rng.choice(["Un exemplaire a été remis en main propre à %s." % ("la patiente" if f else "le patient"),
                             "Exemplaire patient remis le jour de la sortie."]), size, italic=True)


def cp_slash_inline(doc, L, rng):
    """'Copie à : NOM Prénom (Dr), spécialité, Ville / …' on one paragraph."""
    entries = []
    for p in L.copies:
        t = "Pr" if p.title == "PR" else "Dr"
        if rng.random() < 0.7:
            name, gf = "%s %s (%s)" % (p.family, p.given, t), "full"
        else:
            name, gf = "%s %s (%s)" % (p.family, M.initials(p.given), t), "initial"
        city = M.city_text(p, rng, upper=rng.random() < 0.3)
        entries.append("%s, %s, %s" % (name, _spec(p, rng).lower().replace("orl", "ORL"), _nb(city)))
        L.mentions.add(p, "cc", name, gf, city, None)
    if L.copy_patient:
        entries.append(rng.choice(["patient(e)", _patient_copy(L, rng)]))
    if not entries:
        return
    doc.para(rng.choice(["Copie à : ", "Copies : ", "cc. "]) + " / ".join(entries), max(7.5, doc.size - 1),
             keep=True)


# (draw, needs copies, where: "end" after the signature, "top" before the title)
COPIES_FAMILIES = {
    "e-cp-a": (cp_mss_list, True, "end"),
    "e-cp-b": (cp_pinned_bottom, True, "end"),
    "e-cp-c": (cp_numbered, True, "end"),
    "e-cp-d": (cp_pour_information, True, "top"),
    "e-cp-e": (cp_file_copy, False, "end"),
    "e-cp-f": (cp_slash_inline, True, "end"),
}


# ---------------------------------------------------------------------------------------------
# DataMatrix positions

DM_POSITIONS = ["e-right-of-identity", "e-under-signature", "top-right", "footer-right", "e-under-signature",
                "top-left"]


def dm_candidates(d, pos, s, W, H):
    if pos == "e-right-of-identity":
        bb = d.block_box("identity")
        if not bb or bb[0] != d.page:
            return []
        x0, y0, x1, y1 = bb[1]
        right = d.right if d.right < W - 30 else W - 40
        return [(x, y) for y in (y0, y0 + 6, y1 - s, y1 + 8) for x in (right - s, x1 + 16, x1 + 30)]
    if pos == "e-under-signature":
        sig = getattr(d.letter, "sig", None)
        if not sig or sig[0] != d.page:
            return []
        _, y, x = sig
        return [(xx, y + k) for k in (46, 58, 72, 90) for xx in (x, x + 40, W - 50 - s)]
    return []

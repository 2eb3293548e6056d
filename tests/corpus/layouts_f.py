"""Tuning layout families, sixth set (see make_letters.py).

These were the held-out families of session 32 (written blind to the reader); once their results
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
    """The fonts of this set (registered through make_letters.py), and Helvetica."""
    out = []
    for key, faces in (("NimbusRoman", ("NimbusRoman-Regular", "NimbusRoman-Bold", "NimbusRoman-Italic")),
                       ("NimbusSans", ("NimbusSans-Regular", "NimbusSans-Bold", "NimbusSans-Italic")),
                       ("NimbusMonoPS", ("NimbusMonoPS-Regular", "NimbusMonoPS-Bold", "NimbusMonoPS-Italic"))):
        if M.register_type1_family(key, *faces):
            out.append(key)
    return out + ["Helvetica"]


# ---------------------------------------------------------------------------------------------
# Shared bits

_MONTHS_ABBR = ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."]
_ABROAD_AU = ("Maroc", "Sénégal", "Portugal", "Cameroun", "Viêt Nam", "Royaume-Uni")


def _nb(s):
    """Kept on one line when a paragraph wraps (drawn as plain spaces)."""
    return s.replace(" ", M.NBSP)


def _date(I, rng, styles):
    """The birth date in one of `styles`; two-digit years only where they cannot be mistaken."""
    y, m, d = I.iso.split("-")
    style = rng.choice(styles)
    if style == "short" and not 1940 <= int(y) <= 2005:
        style = "slash"
    if style == "dot":
        s = "%s.%s.%s" % (d, m, y)
    elif style == "dash":
        s = "%s-%s-%s" % (d, m, y)
    elif style == "short":
        s = "%s/%s/%s" % (d, m, y[2:])
    elif style == "abbr":
        s = "%d %s %s" % (int(d), _MONTHS_ABBR[int(m) - 1], y)
    elif style == "words":
        s = M.fr_date(I.iso, "words")
    elif style == "upper-words":
        s = M.insi(M.fr_date(I.iso, "words"))
    elif style == "nozero":
        s = "%d/%d/%s" % (int(d), int(m), y)
    elif style == "iso":
        s = I.iso
    else:  # "slash"
        s = "%s/%s/%s" % (d, m, y)
    return _nb(s)


def _groups(m):
    return [m[0], m[1:3], m[3:5], m[5:7], m[7:10], m[10:13]]


def _ins(I, rng, styles):
    """The INS matricule with its key: grouped, plain, the key apart…"""
    m = I.ins
    g = _groups(m)
    style = rng.choice(styles)
    if style == "grouped":
        s = " ".join(g + [m[13:]])
    elif style == "key-sep":
        s = "%s %s" % (m[:13], m[13:])
    elif style == "paren-key":
        s = "%s (%s)" % (" ".join(g), m[13:])
    elif style == "slash-key":
        s = "%s / %s" % (" ".join(g), m[13:])
    elif style == "cle":
        s = "%s clé %s" % (m[:13], m[13:])
    elif style == "grouped-cle":
        s = "%s - clé %s" % (" ".join(g), m[13:])
    elif style == "dots":
        s = ".".join(g) + " " + m[13:]
    else:  # "plain"
        s = m
    return _nb(s)


INS_ANY = ["grouped", "grouped", "plain", "plain", "key-sep", "paren-key", "slash-key", "cle", "grouped-cle", "dots"]


def _ins_body(I, rng):
    """The thirteen first digits, for layouts that print the key in a field of its own."""
    return _nb(rng.choice([" ".join(_groups(I.ins)), I.ins[:13]]))


def _sex(I, rng, styles):
    f = I.sex == "F"
    style = rng.choice(styles)
    return {"letter": "F" if f else "M", "word": "Féminin" if f else "Masculin", "person": "Femme" if f else "Homme",
            "lower": "féminin" if f else "masculin", "upper": "FÉMININ" if f else "MASCULIN",
            "both": "F (féminin)" if f else "M (masculin)"}[style]


def _place(I, rng, styles):
    """The birth place, always with its code."""
    code, name = I.place, I.place_name
    style = rng.choice(styles)
    if style == "code":
        return code
    if I.abroad:
        return rng.choice(["%s (%s)" % (name, code), "Étranger – %s (%s)" % (name, code),
                           "%s - %s" % (code, M.insi(name)), "né(e) à l'étranger (%s)" % code,
                           "%s, pays %s" % (name, code)])
    if style == "code-name":
        return "%s %s" % (code, name)
    if style == "code-upper":
        return "%s - %s" % (code, M.insi(name))
    if style == "insee":
        return "%s, INSEE %s" % (name, code)
    if style == "bracket":
        return "%s [INSEE : %s]" % (name, code)
    return "%s (%s)" % (name, code)  # "paren"


PLACE_ANY = ["paren", "paren", "code", "code-name", "code-upper", "insee", "bracket"]


def _place_phrase(I, rng):
    """' à Brest (29019)', ' au Maroc (99350)', ' à l'étranger (Maroc, 99350)'…"""
    code, name = I.place, I.place_name
    if I.abroad:
        prep = "au" if name in _ABROAD_AU else "en"
        return rng.choice([" %s %s (%s)" % (prep, name, code), " à l'étranger (%s, code %s)" % (name, code)])
    return rng.choice([" à %s (%s)" % (name, code), " à %s, code INSEE %s" % (name, code),
                       " à %s (INSEE %s)" % (M.insi(name), code)])


def _age(I):
    n = M.age_on(I.iso)
    return "%d an%s" % (n, "s" if n > 1 else "")


def _mobile(rng):
    return "0%d %02d %02d %02d %02d" % (rng.choice([6, 6, 7]), rng.randint(0, 99), rng.randint(0, 99),
                                        rng.randint(0, 99), rng.randint(0, 99))


def _other_date(rng, lo, hi):
    y, m = rng.randint(lo, hi), rng.randint(1, 12)
    return _nb("%02d/%02d/%d" % (rng.randint(1, 28), m, y))


def _fit(doc, texts, width, size, bold=False, floor=6.0):
    while size > floor and max(doc.sw(t, size, bold=bold) for t in texts) > width:
        size -= 0.5
    return size


def _fit_words(doc, texts, width, size, bold=False, floor=6.0):
    """The largest size not above `size` at which every word of `texts` fits `width`."""
    words = [w for t in texts for w in t.split(" ") if w]
    while size > floor and max(doc.sw(w, size, bold=bold) for w in words) > width:
        size -= 0.5
    return size


def _used_after(I, rng):
    """The used name said so that it cannot be taken for the birth name."""
    if I.sex == "F" and rng.random() < 0.5:
        return rng.choice(["épouse %s" % I.used, "ép. %s" % I.used, "nom d'usage %s" % I.used])
    return rng.choice(["nom d'usage %s" % I.used, "nom utilisé : %s" % I.used, "usage : %s" % I.used])


def _blank(rng):
    return rng.choice(["—", "-", "/", "néant", ""])


def _cell_lines(doc, text, w, size, bold=False, italic=False):
    out = []
    for part in text.split("\n"):
        out += doc.wrap(part, w, size, bold, italic) or [""]
    return out


def _col_widths(doc, rows, avail, size, pad, bold_rows=(), bold_cols=()):
    """Column widths that hold every cell, each word kept whole; None when even that is too wide."""
    n = max(len(r) for r in rows)
    nat = [2 * pad] * n
    mn = [2 * pad] * n
    for r, row in enumerate(rows):
        for i, cell in enumerate(row):
            b = r in bold_rows or i in bold_cols
            for part in cell.split("\n"):
                nat[i] = max(nat[i], doc.sw(part, size, bold=b) + 2 * pad)
                for tok in part.split(" "):
                    mn[i] = max(mn[i], doc.sw(tok, size, bold=b) + 2 * pad)
    if sum(nat) <= avail:
        return nat
    if sum(mn) > avail:
        return None
    extra = avail - sum(mn)
    want = [a - b for a, b in zip(nat, mn)]
    tot = sum(want) or 1
    return [m + extra * w / tot for m, w in zip(mn, want)]


def _grid_height(doc, widths, rows, size, pad, bold_rows=(), bold_cols=()):
    lead = doc.lead(size)
    h = 0
    for r, row in enumerate(rows):
        n = max(len(_cell_lines(doc, c, widths[i] - 2 * pad, size, r in bold_rows or i in bold_cols))
                for i, c in enumerate(row))
        h += lead * n + 5
    return h


def _grid(doc, x, top, widths, rows, size, pad=4, bold_rows=(), bold_cols=(), fills=None, rules=True,
          grays=None):
    """A ruled table whose cells wrap; fills[(r, c)] shades a cell. Returns the bottom."""
    lead = doc.lead(size)
    fills = fills or {}
    grays = grays or {}
    y = top
    for r, row in enumerate(rows):
        cells = []
        for i, cell in enumerate(row):
            b = r in bold_rows or i in bold_cols
            cells.append((_cell_lines(doc, cell, widths[i] - 2 * pad, size, b), b))
        h = lead * max(len(c[0]) for c in cells) + 5
        xx = x
        for i, (lines, b) in enumerate(cells):
            fill = fills.get((r, i), fills.get((r, None), fills.get((None, i))))
            if rules or fill is not None:
                doc.rect(xx, y, widths[i], h, lw=0.4, fill=fill, stroke=rules)
            yy = y + 2.5
            for t in lines:
                yy += lead * 0.8
                if t:
                    doc.text(xx + pad, yy, t, size, bold=b, gray=grays.get(i, 0))
                yy += lead * 0.2
            xx += widths[i]
        y += h
    return y


def _fit_grid(doc, rows, avail, size, pad=4, bold_rows=(), bold_cols=(), floor=6.0):
    while True:
        widths = _col_widths(doc, rows, avail, size, pad, bold_rows, bold_cols)
        if widths is not None or size <= floor:
            break
        size -= 0.5
    if widths is None:  # cannot happen with the values of these families; stay inside anyway
        widths = [avail / len(rows[0])] * len(rows[0])
    return widths, size


def _round(doc, x, top, w, h, r, fill=None, lw=0.5):
    doc.c.setLineWidth(lw)
    if fill is not None:
        doc.c.setFillGray(fill)
    doc.c.roundRect(x, M.H - top - h, w, h, r, stroke=1, fill=1 if fill is not None else 0)
    doc.c.setFillGray(0)
    doc.add_box((x, top, x + w, top + h))


def _dashed(doc, x0, x1, y, lw=0.5, gray=0.3):
    doc.c.setDash(3, 2)
    doc.hline(x0, x1, y, lw, gray)
    doc.c.setDash()


def _page_boxes(doc):
    return doc.boxes.get(doc.page, [])


def _name_line(I, rng, civ=True, caps=False, order=None):
    """'Mme DUPONT Marie Anne', 'Marie DUPONT', with the used name when there is one."""
    given = I.first_names(rng, rng.choice(["all", "all", "first", "all-comma"]))
    if caps:
        given = M.insi(given)
    c = (I.civ(rng, rng.choice(["short", "long", "upper"])) + " ") if civ else ""
    order = order or rng.choice(["family-first", "family-first", "given-first"])
    if I.used:
        style = rng.choice(["used-nee", "birth-used", "paren"])
        if style == "used-nee":
            fam = "%s %s %s" % (I.used, I.born(), I.birth)
            return "%s%s %s" % (c, fam, given) if order == "family-first" else "%s%s %s" % (c, given, fam)
        if style == "birth-used":
            return "%s%s %s, %s" % (c, I.birth, given, _used_after(I, rng))
        return "%s%s %s (%s)" % (c, I.birth, given, _used_after(I, rng))
    if order == "family-first":
        return "%s%s %s" % (c, I.birth, given)
    return "%s%s %s" % (c, given, I.birth)


# ---------------------------------------------------------------------------------------------
# Identity


def _relatives(I, rng, doc):
    """Other people printed beside the patient: parents or a twin for a child, a trusted person or
    a contact for an adult. [(role, birth name, used name, given, birth date, sex)]"""
    out = []
    if I.child:
        if I.insured:
            ins = I.insured
            mother = ins["civ"] == "Mme"
            out.append(("Mère" if mother else "Père", ins["family"], None, ins["given"],
                        _other_date(rng, 1972, 1997) if rng.random() < 0.6 else None, "F" if mother else "M"))
        else:
            fam = M.pick_surname(rng)
            out.append(("Mère", fam, I.birth if rng.random() < 0.5 and fam != I.birth else None,
                        rng.choice(M.GIVEN_F), _other_date(rng, 1975, 1998) if rng.random() < 0.6 else None, "F"))
        if rng.random() < 0.5:
            if out[0][0] == "Mère":
                out.append(("Père", I.birth, None, rng.choice(M.GIVEN_M),
                            _other_date(rng, 1970, 1996) if rng.random() < 0.5 else None, "M"))
            else:
                fam = M.pick_surname(rng)
                out.append(("Mère", fam, I.birth if rng.random() < 0.5 and fam != I.birth else None,
                            rng.choice(M.GIVEN_F), _other_date(rng, 1975, 1998) if rng.random() < 0.6 else None, "F"))
        if rng.random() < 0.15:  # a twin: same family name, same birth date
            s = rng.choice("FM")
            given = rng.choice(M.GIVEN_F if s == "F" else M.GIVEN_M)
            if given not in I.firsts:
                out.append(("Sœur jumelle" if s == "F" else "Frère jumeau", I.birth, None, given,
                            _date(I, rng, ["slash"]), s))
    else:
        s = rng.choice("FM")
        rel = rng.choice(["fille" if s == "F" else "fils", "conjoint(e)", "sœur" if s == "F" else "frère",
                          "amie" if s == "F" else "ami"])
        fam = I.birth if rel.startswith(("fil", "sœ", "fr")) and rng.random() < 0.5 else M.pick_surname(rng)
        out.append(("Personne de confiance (%s)" % rel, fam, None,
                    rng.choice(M.GIVEN_F if s == "F" else M.GIVEN_M),
                    _other_date(rng, 1940, 2004) if rng.random() < 0.5 else None, s))
        if rng.random() < 0.5:
            s = rng.choice("FM")
            out.append(("Personne à prévenir", M.pick_surname(rng), None,
                        rng.choice(M.GIVEN_F if s == "F" else M.GIVEN_M), None, s))
    doc.letter.traps.append("other-person")
    return out


def id_persons_table(doc, I, rng):
    """One row a person, one column a trait: the patient and the people around them."""
    size = I.size
    f = I.sex == "F"
    place_col = bool(I.place) and rng.random() < 0.5
    tel_col = rng.random() < 0.5
    head = [rng.choice(["Qualité", "Lien", ""]), rng.choice(["Nom de naissance", "Nom", "NOM de naissance"]),
            rng.choice(["Nom d'usage", "Nom utilisé"]), rng.choice(["Prénom(s)", "Prénoms"]),
            rng.choice(["Né(e) le", "Date de naissance", "DDN"]), "Sexe"]
    if place_col:
        head.append(rng.choice(["Lieu de naissance", "Lieu naiss."]))
    if tel_col:
        head.append(rng.choice(["Téléphone", "Tél."]))
    role = "Enfant" if I.child and rng.random() < 0.5 else rng.choice(["Patient(e)", "Patiente" if f else "Patient",
                                                                      "PATIENT"])
    sex_style = rng.choice(["letter", "letter", "word"])
    empty = rng.choice(["—", "-", ""])
    rows = [head, [role, I.birth, I.used or empty, I.first_names(rng, rng.choice(["all", "all", "all-comma", "first"])),
                   _date(I, rng, ["slash", "slash", "dot", "words"]), _sex(I, rng, [sex_style])]]
    if place_col:
        rows[1].append(_place(I, rng, PLACE_ANY))
    if tel_col:
        rows[1].append(_nb(_mobile(rng)))
    for rel, fam, used, given, born, s in _relatives(I, rng, doc):
        row = [rel, fam, used or empty, given, born or empty, ("F" if s == "F" else "M") if sex_style == "letter"
               else ("Féminin" if s == "F" else "Masculin")]
        if place_col:
            row.append(empty)
        if tel_col:
            row.append(_nb(_mobile(rng)))
        rows.append(row)
    under = []
    if I.place and not place_col:
        under.append(rng.choice(["Lieu de naissance du patient : ", "Lieu de naissance : "]) +
                     _place(I, rng, PLACE_ANY))
    if I.ins:
        t = rng.choice(["Matricule INS du patient : ", "INS (patient) : ", "INS de l'enfant : " if I.child else
                        "Matricule INS : "]) + _ins(I, rng, INS_ANY)
        if I.oid:
            t += "  (OID %s)" % M.TEST_OID
        under.append(t)
    elif rng.random() < 0.5:
        under.append("Identité provisoire : INS non qualifié")
    title = rng.choice([None, "Identité et entourage", "Personnes concernées", "Patient et entourage"])
    width = doc.right - doc.left
    widths, size = _fit_grid(doc, rows, width, size, bold_rows=(0,))
    if rng.random() < 0.5 and sum(widths) < width:
        extra = (width - sum(widths)) / len(widths)
        widths = [w + extra for w in widths]
    h = _grid_height(doc, widths, rows, size, 4, bold_rows=(0,))
    lead = doc.lead(size)
    doc.need(h + lead * (len(under) * 2 + (1.5 if title else 0)) + 8)
    doc.mark("identity")
    if title:
        doc.line(title, size + 0.5, bold=True)
    fills = {(0, None): rng.choice([0.85, 0.9])}
    doc.y = _grid(doc, doc.left, doc.y + 2, widths, rows, size, bold_rows=(0,), fills=fills)
    for t in under:
        doc.para(t, size, after=0)
    doc.unmark()
    doc.gap(size)


def id_newspaper(doc, I, rng):
    """Each label over its value, the items running down two or three columns in turn."""
    size = I.size
    small = max(6, size - rng.choice([2, 2.5, 3]))
    caps = rng.random() < 0.6
    items = [(rng.choice(["Nom de naissance", "Nom de famille"]), I.birth)]
    if I.used:
        items.append((rng.choice(["Nom d'usage", "Nom utilisé"]), I.used))
    elif rng.random() < 0.3:
        items.append(("Nom d'usage", _blank(rng) or "—"))
    items.append((rng.choice(["Prénom(s)", "Prénoms de naissance", "Liste des prénoms"]),
                  I.first_names(rng, rng.choice(["all", "all-comma"]))))
    items.append((rng.choice(["Date de naissance", "Né(e) le"]), _date(I, rng, ["slash", "words", "dot", "abbr"])))
    items.append(("Sexe", _sex(I, rng, ["word", "letter", "person"])))
    if I.place:
        items.append(("Pays de naissance" if I.abroad else rng.choice(["Lieu de naissance", "Commune de naissance"]),
                      _place(I, rng, ["paren", "insee", "bracket", "code-name"])))
    if I.ins:
        v = _ins(I, rng, INS_ANY)
        if I.oid and rng.random() < 0.5:
            v += " (OID : %s)" % M.TEST_OID
        elif I.oid:
            items.append((rng.choice(["Matricule INS", "INS (NIR)"]), v))
            v = None
            items.append(("OID", M.TEST_OID))
        if v:
            items.append((rng.choice(["Matricule INS", "Identifiant national de santé (INS)", "INS"]), v))
        if rng.random() < 0.4:
            items.append(("Statut de l'identité", "Qualifiée"))
    if I.ipp and rng.random() < 0.5:
        items.append(("IPP", I.ipp))
        I.uses.add("ipp")
    width = doc.right - doc.left
    ncols = 3 if width > 400 and rng.random() < 0.6 else 2
    gutter = rng.choice([14, 20])
    colw = (width - gutter * (ncols - 1)) / ncols
    k = (len(items) + ncols - 1) // ncols
    columns = [items[c * k:(c + 1) * k] for c in range(ncols)]
    bold = rng.random() < 0.7
    size = _fit_words(doc, [v for _, v in items], colw, size, bold=bold)
    small = min(small, _fit_words(doc, [M.insi(lb) if caps else lb for lb, _ in items], colw, small))
    lead, slead = doc.lead(size), doc.lead(small)

    def label_of(lb):
        return M.insi(lb) if caps else lb

    def col_height(col):
        return sum(slead + lead * len(doc.wrap(v, colw, size, bold)) + 4 for _, v in col)

    h = max(col_height(c) for c in columns)
    title = rng.choice([None, "IDENTITÉ DU PATIENT", "Patient(e)", "Identification"])
    doc.need(h + (lead * 1.6 if title else 0) + 8)
    doc.mark("identity")
    if title:
        doc.line(title, size, bold=True)
        if rng.random() < 0.6:
            doc.hline(doc.left, doc.right, doc.y + 1, 0.5, 0.4)
            doc.gap(4)
    top = doc.y
    for c, col in enumerate(columns):
        x = doc.left + c * (colw + gutter)
        y = top
        for lb, v in col:
            y += slead * 0.85
            doc.text(x, y, label_of(lb), small, gray=0.4)
            y += slead * 0.15
            for part in doc.wrap(v, colw, size, bold):
                y += lead * 0.8
                doc.text(x, y, part, size, bold=bold)
                y += lead * 0.2
            y += 4
        if c and rng.random() < 0.5:
            doc.vline(x - gutter / 2, top + 2, top + h - 2, 0.3)
    doc.y = top + h
    doc.unmark()
    doc.gap(size * 0.6)


def id_coupon(doc, I, rng):
    """A tear-off slip at the foot of the first page, under a dashed cut line."""
    W, H = M.W, M.H
    size = max(7, min(I.size, 9))
    caps = rng.random() < 0.35

    def val(v):
        return M.insi(v) if caps else v

    pairs = [(rng.choice(["Nom de naissance", "NOM de naissance", "Nom"]), val(I.birth)),
             (rng.choice(["Nom d'usage", "Nom utilisé"]), val(I.used) if I.used else "……………………"),
             (rng.choice(["Prénom(s)", "Prénoms"]), val(I.first_names(rng, rng.choice(["all", "first", "all"])))),
             ("Sexe", _sex(I, rng, ["letter", "word", "letter"])),
             (rng.choice(["Date de naissance", "Né(e) le"]), _date(I, rng, ["slash", "slash", "dot", "dash"]))]
    if I.place:
        pairs.append(("Lieu de naissance", _place(I, rng, ["paren", "code", "code-name", "code-upper"])))
    full = []
    if I.ins:
        t = rng.choice(["Matricule INS : ", "N° INS : ", "INS (NIR) : "]) + _ins(I, rng, INS_ANY)
        if I.oid:
            t += "   OID : " + M.TEST_OID
        full.append(t)
    tail = []
    if I.ipp and rng.random() < 0.6:
        tail.append(("IPP", I.ipp))
        I.uses.add("ipp")
    tail.append(rng.choice([("Date du rendez-vous", "____ / ____ / ________"), ("Signature", "____________________"),
                            ("Tél. du patient", _nb(_mobile(rng)))]))
    title = rng.choice(["COUPON À RETOURNER", "Identification du patient", "BULLETIN DE LIAISON",
                        "Talon d'identification"])
    caption = rng.choice(["Partie à détacher et à remettre au secrétariat",
                          "Coupon à découper et à joindre au dossier",
                          "Talon à retourner au service", "À détacher suivant les pointillés"])
    x0, x1 = 40, W - 40
    half = (x1 - x0 - 16) / 2
    sep = " : "
    size = _fit(doc, [lb + sep + v for lb, v in pairs + tail], half - 8, size, floor=6.5)
    lead = doc.lead(size) * 1.1
    cells = pairs + tail
    lines = []  # one or two (label, value) a line
    i = 0
    while i < len(cells):
        pair = cells[i:i + 2]
        if len(pair) == 2 and any(doc.sw(lb + sep + v, size, bold=True) > half - 8 for lb, v in pair):
            pair = pair[:1]
        lines.append(pair)
        i += len(pair)
    fsize = _fit(doc, full, x1 - x0 - 16, size, floor=6) if full else size
    box_h = lead * (len(lines) + len(full) + 1.4) + 10
    bottom = H - 60
    top = bottom - box_h
    cut = top - 12
    orig = doc.st.bottom
    doc.st.bottom = cut - 16

    def restore(d):
        d.st.bottom = orig

    doc.page_start.insert(0, restore)

    def slip(d):
        if d.page != 1:
            return
        d.mark("identity")
        cw = d.sw(caption, 6.5, italic=True)
        mid = (x0 + x1) / 2
        _dashed(d, 28, mid - cw / 2 - 8, cut)
        _dashed(d, mid + cw / 2 + 8, W - 28, cut)
        d.text(mid, cut + 2, caption, 6.5, italic=True, gray=0.3, align="centre")
        d.rect(x0, top, x1 - x0, box_h, lw=0.6)
        y = top + 4 + lead * 0.85
        d.text(x0 + 8, y, title, size + 0.5, bold=True)
        y += lead * 0.15 + lead * 0.4
        for ln in lines:
            y += lead * 0.8
            for k, (lb, v) in enumerate(ln):
                x = x0 + 8 + k * (half + 8)
                w = d.text(x, y, lb + sep, size)
                d.text(x + w, y, v, size, bold=True)
            y += lead * 0.2
        for t in full:
            y += lead * 0.8
            d.text(x0 + 8, y, t, fsize, bold=True)
            y += lead * 0.2
        d.unmark()

    doc.page_end.insert(0, slip)


def id_measures(doc, I, rng):
    """A prescription heading: the patient on the left, the measures flush right on the same lines."""
    size = I.size
    f = I.sex == "F"
    left = [(_name_line(I, rng, civ=rng.random() < 0.7), True)]
    born = "%s le %s (%s)" % (I.born().capitalize(), _date(I, rng, ["slash", "words", "dot"]), _age(I))
    if I.place and rng.random() < 0.5:
        born += _place_phrase(I, rng)
        place_line = None
    else:
        place_line = ("Lieu de naissance : " + _place(I, rng, PLACE_ANY)) if I.place else None
    left.append((born, False))
    if place_line:
        left.append((place_line, False))
    left.append(("Sexe : " + _sex(I, rng, ["letter", "word", "person"]), False))
    if I.ins:
        left.append((rng.choice(["INS : ", "Matricule INS : ", "N° INS : "]) + _ins(I, rng, INS_ANY), False))
        if I.oid:
            left.append(("OID : " + M.TEST_OID, False))
    if I.child:
        age = max(1, M.age_on(I.iso))
        kg = "%.1f" % (rng.uniform(0.85, 1.15) * (7 + 2.6 * age + (0.6 * (age - 10) ** 2 if age > 10 else 0)))
        cm = min(185, int(rng.uniform(0.95, 1.05) * (72 + 6.3 * age)))
    else:
        kg = "%d" % rng.randint(48, 110)
        cm = rng.randint(150, 195)
    right = ["Poids : %s kg" % kg.replace(".", ","), "Taille : %d cm" % cm if rng.random() < 0.5 else
             "Taille : %d,%02d m" % (cm // 100, cm % 100)]
    if not I.child:
        right.append("Clairance (CG) : %d mL/min" % rng.randint(35, 120))
    right.append(rng.choice(["Allergies : aucune connue", "Allergie : pénicilline", "Allergie : iode",
                             "Allergies : non renseignées"]))
    if f and not I.child and M.age_on(I.iso) < 50:
        right.append(rng.choice(["Grossesse : non", "Allaitement : non"]))
    if I.ipp and rng.random() < 0.5:
        right.append("IPP : " + I.ipp)
        I.uses.add("ipp")
    rsize = max(7, size - 1)
    rw = max(doc.sw(t, rsize) for t in right)
    room = doc.right - doc.left - rw - 24
    size = _fit(doc, [t for t, _ in left], room * 1.6, size, floor=7)
    lines = []
    for t, b in left:
        for part in doc.wrap(t, room, size + (1 if b else 0), bold=b):
            lines.append((part, b))
    n = max(len(lines), len(right))
    lead = doc.lead(size + 1)
    ruled = rng.random() < 0.6
    doc.need(lead * n + 14)
    doc.mark("identity")
    if ruled:
        doc.hline(doc.left, doc.right, doc.y + 1, 0.8)
        doc.y += 4
    for i in range(n):
        doc.y += lead * 0.8
        if i < len(lines):
            t, b = lines[i]
            doc.text(doc.left, doc.y, t, size + (1 if b else 0), bold=b)
        if i < len(right):
            doc.text(doc.right, doc.y, right[i], rsize, align="right", gray=0.15)
        doc.y += lead * 0.2
    if ruled:
        doc.y += 3
        doc.hline(doc.left, doc.right, doc.y, 0.5)
    doc.unmark()
    doc.gap(size)


_BILINGUAL = {
    "birth": [("Nom de naissance", "Birth name"), ("Nom de naissance", "Surname at birth")],
    "used": [("Nom d'usage", "Used name"), ("Nom utilisé", "Name in use")],
    "firsts": [("Prénom(s)", "First name(s)"), ("Prénoms", "Given names")],
    "date": [("Date de naissance", "Date of birth"), ("Né(e) le", "Born on")],
    "sex": [("Sexe", "Sex"), ("Sexe", "Gender")],
    "place": [("Lieu de naissance", "Place of birth"), ("Code lieu de naissance", "Birthplace code")],
    "ins": [("Matricule INS", "National health ID"), ("INS (NIR)", "French health ID number")],
    "oid": [("OID", "Assigning authority")],
}


def id_bilingual(doc, I, rng):
    """A ruled table whose labels are printed in French and, under them, in English."""
    size = I.size
    small = max(6, size - 2)
    rows = [("birth", I.birth)]
    if I.used:
        rows.append(("used", I.used))
    rows.append(("firsts", I.first_names(rng, rng.choice(["all", "all-comma", "all"]))))
    rows.append(("date", _date(I, rng, ["slash", "slash", "dot", "words", "iso"])))
    sx = _sex(I, rng, ["letter", "word", "both"])
    if rng.random() < 0.4:
        sx += " / " + ("Female" if I.sex == "F" else "Male")
    rows.append(("sex", sx))
    if I.place:
        rows.append(("place", _place(I, rng, PLACE_ANY)))
    if I.ins:
        rows.append(("ins", _ins(I, rng, INS_ANY)))
        if I.oid:
            rows.append(("oid", M.TEST_OID))
    cells = [(rng.choice(_BILINGUAL[k]), v) for k, v in rows]
    width = doc.right - doc.left

    def label_w(sz, sm):
        return max(max(doc.sw(fr, sz, bold=True), doc.sw(en, sm, italic=True)) for (fr, en), _ in cells) + 12

    while size > 7 and label_w(size, small) + max(doc.sw(v, size) for _, v in cells) + 12 > width:
        size -= 0.5
        small = max(6, size - 2)
    lw = label_w(size, small)
    vw = max(doc.sw(v, size) for _, v in cells) + 12
    two = 2 * (lw + vw) <= width and rng.random() < 0.5
    per = 2 if two else 1
    if not two:
        vw = max(vw, min(width - lw, rng.uniform(180, 300)))
        if lw + vw > width:
            vw = width - lw
    rh = doc.lead(size) + doc.lead(small) + 4
    nrows = (len(cells) + per - 1) // per
    title = rng.choice(["Identité du patient / Patient identification", "IDENTITÉ / IDENTITY", None])
    th = doc.lead(size) + 5 if title else 0
    doc.need(th + rh * nrows + 10)
    doc.mark("identity")
    top = doc.y + 2
    total = per * (lw + vw)
    if title:
        doc.rect(doc.left, top, total, th, lw=0.5, fill=0.85)
        doc.text(doc.left + 6, top + th - 4.5, title, size, bold=True)
        top += th
    for r in range(nrows):
        for k, ((fr, en), v) in enumerate(cells[r * per:(r + 1) * per]):
            x = doc.left + k * (lw + vw)
            y = top + r * rh
            doc.rect(x, y, lw, rh, lw=0.4, fill=0.94)
            doc.rect(x + lw, y, vw, rh, lw=0.4)
            doc.text(x + 5, y + 2 + doc.lead(size) * 0.8, fr, size, bold=True)
            doc.text(x + 5, y + 2 + doc.lead(size) + doc.lead(small) * 0.8, en, small, italic=True, gray=0.4)
            doc.text(x + lw + 5, y + rh / 2 + size * 0.35, v, size)
    doc.y = top + rh * nrows
    doc.unmark()
    doc.gap(size)


def id_fill_in(doc, I, rng):
    """A form: each value typed on the underline that follows its label, several fields a line."""
    size = I.size
    vbold = rng.random() < 0.5
    vital = not vbold and rng.random() < 0.6
    dotted = rng.random() < 0.5
    fields = [(rng.choice(["Nom de naissance", "NOM de naissance"]), I.birth, 130),
              (rng.choice(["Nom d'usage", "Nom marital" if I.sex == "F" else "Nom d'usage"]), I.used or "", 110),
              (rng.choice(["Prénom(s)", "Prénoms (état civil)"]),
               I.first_names(rng, rng.choice(["all", "all-comma"])),
               140),
              (rng.choice(["Date de naissance", "Né(e) le"]), _date(I, rng, ["slash", "slash", "dot", "dash"]), 80),
              ("Sexe", _sex(I, rng, ["letter", "letter", "word"]), 30)]
    if I.place:
        if rng.random() < 0.5:
            fields.append(("Pays de naissance" if I.abroad else "Commune de naissance", I.place_name, 90))
            fields.append(("Code pays" if I.abroad else rng.choice(["Code INSEE", "Code commune"]), I.place, 40))
        else:
            fields.append(("Lieu de naissance", _place(I, rng, ["paren", "code", "code-name"]), 110))
    if I.ins:
        if rng.random() < 0.4:
            fields.append((rng.choice(["N° INS", "Matricule INS"]), _ins_body(I, rng), 120))
            fields.append(("Clé", I.ins[13:], 20))
        else:
            fields.append((rng.choice(["N° INS", "Matricule INS", "INS"]), _ins(I, rng, INS_ANY), 150))
        if I.oid:
            fields.append(("OID", M.TEST_OID, 100))
    if I.ipp and rng.random() < 0.5:
        fields.append(("N° IPP", I.ipp, 60))
        I.uses.add("ipp")
    width = doc.right - doc.left
    sep = rng.choice([" : ", " : ", " "])

    def fw(lb, v, mn, sz):
        return doc.sw(lb + sep, sz) + max(doc.sw(v, sz, bold=vbold, italic=vital) + 14, mn) + 12

    size = _fit(doc, [lb + sep + v + "    " for lb, v, _ in fields], width, size, floor=7)
    lines, cur, used = [], [], 0
    for lb, v, mn in fields:
        w = fw(lb, v, mn, size)
        if cur and used + w > width:
            lines.append(cur)
            cur, used = [], 0
        cur.append([lb, v, w])
        used += w
    lines.append(cur)
    for ln in lines:  # the last field of a line runs to the margin
        ln[-1][2] += width - sum(c[2] for c in ln)
    lead = doc.lead(size) * rng.choice([1.5, 1.7, 1.9])
    title = rng.choice([None, "Identification du patient", "IDENTITÉ", "Renseignements administratifs"])
    doc.need(lead * (len(lines) + (1 if title else 0)) + 8)
    doc.mark("identity")
    if title:
        doc.line(title, size, bold=True)
    for ln in lines:
        doc.y += lead * 0.8
        x = doc.left
        for lb, v, w in ln:
            lw_ = doc.text(x, doc.y, lb + sep, size)
            if v:
                doc.text(x + lw_ + 5, doc.y, v, size, bold=vbold, italic=vital)
            end = x + w - 10
            if dotted:
                _dashed(doc, x + lw_, end, doc.y + 2.5, 0.4, 0.35)
            else:
                doc.hline(x + lw_, end, doc.y + 2.5, 0.4, 0.35)
            x += w
        doc.y += lead * 0.2
    doc.unmark()
    doc.gap(size)


def id_stay_table(doc, I, rng):
    """A three-column ruled table: the patient, the identifiers and the stay, each a tall cell."""
    size = max(7.5, I.size - 0.5)
    L = doc.letter
    a = L.author
    civ = I.civ(rng, rng.choice(["short", "upper"]))
    given = I.first_names(rng, rng.choice(["all", "first", "all"]))
    pat = ["%s %s %s" % (civ, I.birth, given) if rng.random() < 0.7 else "%s %s %s" % (civ, given, I.birth)]
    if I.used:
        pat.append(rng.choice(["Nom d'usage : ", "Nom utilisé : "]) + I.used)
    pat.append("%s le %s (%s)" % (I.born().capitalize(), _date(I, rng, ["slash", "dot", "words"]), _age(I)))
    pat.append("Sexe : " + _sex(I, rng, ["letter", "word"]))
    if I.place:
        pat.append(rng.choice(["Lieu de naissance : ", "Lieu : ", "Né(e) à : "]) + _place(I, rng, PLACE_ANY))
    ids = []
    if I.ins:
        ids.append(rng.choice(["INS : ", "Matricule INS : "]) + _ins(I, rng, INS_ANY))
        if I.oid:
            ids.append("OID : " + M.TEST_OID)
        ids.append(rng.choice(["Identité qualifiée", "Statut : identité qualifiée", "Statut INS : qualifié"]))
    else:
        ids.append(rng.choice(["Identité provisoire", "Statut : identité non qualifiée"]))
    if I.ipp:
        ids.append("IPP : " + I.ipp)
        I.uses.add("ipp")
    if I.nda:
        ids.append(rng.choice(["NDA : ", "N° de venue : "]) + I.nda)
        I.uses.add("nda")
    d_in = rng.randint(2, 12)
    stay = ["Entrée : %s" % _nb("%02d/11/2026" % d_in) + rng.choice(["", " à %02d:%02d" % (rng.randint(0, 23),
                                                                                      rng.randint(0, 59))]),
            "Sortie : %s" % _nb("%02d/11/2026" % rng.randint(d_in + 1, 22)),
            "UF %04d – %s" % (rng.randint(1000, 9999), a.service)]
    if rng.random() < 0.5:
        stay.append("Chambre %d – lit %s" % (rng.randint(100, 450), rng.choice("AB")))
    if rng.random() < 0.4:
        stay.append("Responsable : %s %s %s" % ("Pr" if a.title == "PR" else "Dr", a.given, a.family) +
                    (" (RPPS %s)" % a.rpps if rng.random() < 0.5 else ""))
    if rng.random() < 0.3:
        stay.append("FINESS : " + L.hospital["finess"])
    head = [rng.choice(["Patient(e)", "PATIENT", "Identité"]), rng.choice(["Identifiants", "Identification"]),
            rng.choice(["Séjour", "Venue", "Hospitalisation"])]
    rows = [head, ["\n".join(pat), "\n".join(ids), "\n".join(stay)]]
    width = doc.right - doc.left
    widths, size = _fit_grid(doc, rows, width, size, bold_rows=(0,))
    if sum(widths) < width:
        extra = (width - sum(widths)) / 3
        widths = [w + extra for w in widths]
    h = _grid_height(doc, widths, rows, size, 4, bold_rows=(0,))
    doc.need(h + 10)
    doc.mark("identity")
    doc.y = _grid(doc, doc.left, doc.y + 2, widths, rows, size, bold_rows=(0,),
                  fills={(0, None): rng.choice([0.82, 0.88, 0.92])})
    doc.unmark()
    doc.gap(size)


def id_left_of_window(doc, I, rng):
    """Under the letterhead on the left, level with the address on the right: 'Concerne :' and
    the patient in small type."""
    L = doc.letter
    boxes = _page_boxes(doc)
    head_bottom = max(b[3] for b in boxes) if boxes else 90
    size = max(7.5, min(I.size - 1, 9.5))
    f = I.sex == "F"
    lines = [(rng.choice(["Concerne :", "Patient(e) concerné(e) :", "Réf. patient :", "Objet : votre patient" +
                          ("e" if f else "")]), False, True)]
    given = I.first_names(rng, rng.choice(["all", "first", "all"]))
    civ = I.civ(rng, rng.choice(["short", "long"]))
    if I.used:
        lines.append(("%s %s %s" % (civ, I.used, given), True, False))
        lines.append(("%s %s" % (I.born().capitalize(), I.birth), False, False))
    else:
        lines.append(rng.choice([("%s %s %s" % (civ, I.birth, given), True, False),
                                 ("%s %s %s" % (civ, given, I.birth), True, False)]))
    born = "%s le %s" % (I.born_label(rng).split()[0], _date(I, rng, ["slash", "words", "dot"]))
    if I.place:
        born += _place_phrase(I, rng)
    lines.append((born, False, False))
    lines.append(("Sexe : " + _sex(I, rng, ["letter", "word"]), False, False))
    if I.ins:
        lines.append((rng.choice(["INS : ", "Matricule INS : ", "INS n° "]) + _ins(I, rng, INS_ANY), False, False))
        if I.oid:
            lines.append(("OID : " + M.TEST_OID, False, False))
    if I.ipp and rng.random() < 0.5:
        lines.append(("IPP : " + I.ipp, False, False))
        I.uses.add("ipp")
    x = doc.left
    limit = M.W / 2 - 22
    size = _fit_words(doc, [t for t, _, _ in lines], limit - x, size, bold=True)
    out = []
    for t, b, i in lines:
        for part in doc.wrap(t, limit - x, size, b, i):
            out.append((part, b, i))
    lead = doc.lead(size)
    top = head_bottom + rng.choice([10, 16, 22])
    doc.mark("identity")
    y = top
    right = x
    for t, b, i in out:
        y += lead * 0.8
        right = max(right, x + doc.text(x, y, t, size, bold=b, italic=i))
        y += lead * 0.2
    doc.unmark()
    bottom = y + 4
    if L.window_side == "right":
        doc.f_floor = bottom
        doc.f_left_right = right
        return head_bottom
    return bottom


def id_chips(doc, I, rng):
    """The name in large type, the other traits each in a rounded tag, tags wrapping over lines."""
    size = I.size
    small = max(6.5, size - 1)
    civ = rng.random() < 0.4
    caps = rng.random() < 0.3
    name = _name_line(I, rng, civ=civ, caps=caps)
    if caps:
        doc.letter.traps.append("caps-name")  # family and first names alike: not to be told apart
    tags = [_sex(I, rng, ["person", "word", "letter"])]
    d = _date(I, rng, ["slash", "words", "dot"])
    tags.append(rng.choice(["%s le %s" % (I.born_label(rng).split()[0], d), d]))
    tags.append(_age(I))
    if I.place:
        pl = _place(I, rng, PLACE_ANY)
        tags.append(pl if pl == I.place or I.abroad else rng.choice(["", "Né(e) à "]) + pl)
    if I.ins:
        tags.append(rng.choice(["INS ", "INS : ", "Matricule INS "]) + _ins(I, rng, INS_ANY))
        if I.oid:
            tags.append("OID " + M.TEST_OID)
        if rng.random() < 0.5:
            tags.append("Identité qualifiée")
    elif rng.random() < 0.5:
        tags.append("Identité provisoire")
    if I.ipp and rng.random() < 0.5:
        tags.append("IPP " + I.ipp)
        I.uses.add("ipp")
    if rng.random() < 0.3:
        tags.append(rng.choice(["Groupe sanguin A+", "Groupe O-", "Chambre %d" % rng.randint(100, 400)]))
    fill = rng.choice([0.9, 0.94, None])
    th = small + 6
    width = doc.right - doc.left
    rows, cur, used = [], [], 0
    for t in tags:
        w = doc.sw(t, small) + 12
        if cur and used + w > width:
            rows.append(cur)
            cur, used = [], 0
        cur.append((t, w))
        used += w + 6
    rows.append(cur)
    nsize = size + rng.choice([1, 1.5, 2])
    nlines = doc.wrap(name, width, nsize, bold=True)
    doc.need(doc.lead(nsize) * len(nlines) + (th + 5) * len(rows) + 10)
    doc.mark("identity")
    for part in nlines:
        doc.line(part, nsize, bold=True)
    doc.y += 3
    for row in rows:
        x = doc.left
        for t, w in row:
            _round(doc, x, doc.y, w, th, th / 2 if rng.random() < 0.5 else 3, fill=fill, lw=0.5)
            doc.text(x + 6, doc.y + th - (th - small * 0.72) / 2, t, small)
            x += w + 6
        doc.y += th + 5
    doc.unmark()
    doc.gap(size * 0.6)


def id_justified(doc, I, rng):
    """A narrow framed box: each label on the left, its value flush right, a thin rule between rows."""
    size = I.size
    rows = [(rng.choice(["Nom de naissance", "Nom de famille"]), I.birth)]
    if I.used:
        rows.append((rng.choice(["Nom d'usage", "Nom utilisé"]), I.used))
    elif rng.random() < 0.4:
        rows.append(("Nom d'usage", rng.choice(["—", "-", "néant"])))
    rows.append((rng.choice(["Prénom(s)", "Prénoms"]), I.first_names(rng, rng.choice(["all", "all-comma", "first"]))))
    rows.append((rng.choice(["Date de naissance", "Né(e) le"]), _date(I, rng, ["slash", "words", "dot", "abbr"])))
    rows.append(("Sexe", _sex(I, rng, ["letter", "word", "person"])))
    if I.place:
        rows.append((rng.choice(["Lieu de naissance", "Lieu de naiss."]), _place(I, rng, PLACE_ANY)))
    if I.ins:
        rows.append((rng.choice(["Matricule INS", "INS", "N° INS"]), _ins(I, rng, INS_ANY)))
        if I.oid:
            rows.append(("OID", M.TEST_OID))
    if I.nda and rng.random() < 0.5:
        rows.append((rng.choice(["N° de séjour", "NDA"]), I.nda))
        I.uses.add("nda")
    width = doc.right - doc.left
    bw = min(width, max(rng.uniform(240, 320), max(doc.sw(lb, size) for lb, _ in rows) + 80))
    side = rng.choice(["left", "left", "right", "centre"])
    x = {"left": doc.left, "right": doc.right - bw, "centre": doc.left + (width - bw) / 2}[side]
    lead = doc.lead(size)
    vbold = rng.random() < 0.7
    out = []  # (label or None, value parts)
    for lb, v in rows:
        if doc.sw(lb, size) + doc.sw(v, size, bold=vbold) + 24 <= bw - 12:
            out.append((lb, [v]))
        else:
            out.append((lb, None))
            out.append((None, doc.wrap(v, bw - 18, size, bold=vbold)))
    nlines = sum(len(v) if v else 1 for _, v in out)
    title = rng.choice([None, "Patient", "IDENTITÉ", "Identité du patient"])
    th = lead + 4 if title else 0
    h = th + nlines * lead + len(rows) * 3 + 6
    doc.need(h + 10)
    doc.mark("identity")
    top = doc.y + 2
    doc.rect(x, top, bw, h, lw=0.6)
    y = top
    if title:
        doc.rect(x, top, bw, th, lw=0.6, fill=0.88)
        doc.text(x + 6, top + th - 4.5, title, size, bold=True)
        y += th
    y += 3
    for k, (lb, vals) in enumerate(out):
        if lb is not None and k:
            doc.hline(x + 4, x + bw - 4, y, 0.3, 0.6)
            y += 3
        if lb is not None:
            y += lead * 0.8
            doc.text(x + 6, y, lb, size)
            if vals:
                doc.text(x + bw - 6, y, vals[0], size, bold=vbold, align="right")
            y += lead * 0.2
        else:
            for part in vals:
                y += lead * 0.8
                doc.text(x + bw - 6, y, part, size, bold=vbold, align="right")
                y += lead * 0.2
    doc.y = top + h
    doc.unmark()
    doc.gap(size)


def id_numbered_firsts(doc, I, rng):
    """Three fields a row on tab stops; the first names one a field ('Prénom 1', 'Prénom 2'…)."""
    size = I.size
    I.first_names(rng, "all")  # all of them are printed, one a field
    nums = rng.choice([["Prénom 1", "Prénom 2", "Prénom 3"], ["1er prénom", "2e prénom", "3e prénom"],
                       ["Premier prénom", "Deuxième prénom", "Troisième prénom"]])
    empty = rng.choice(["—", "", "-"])
    firsts = list(I.firsts) + [empty] * (3 - len(I.firsts))
    rows = [[(rng.choice(["Nom de naissance", "Nom de famille"]), I.birth),
             (rng.choice(["Nom d'usage", "Nom utilisé"]), I.used or empty),
             ("Sexe", _sex(I, rng, ["letter", "word"]))],
            [(nums[k], firsts[k]) for k in range(3)]]
    third = [("Date de naissance", _date(I, rng, ["slash", "slash", "dot", "words"]))]
    if I.place:
        if rng.random() < 0.6:
            third.append(("Code pays" if I.abroad else rng.choice(["Code lieu de naissance", "Code INSEE"]), I.place))
            third.append(("Pays" if I.abroad else "Commune", I.place_name))
        else:
            third.append(("Lieu de naissance", _place(I, rng, ["paren", "code-name", "code"])))
    rows.append(third)
    if I.ins:
        last = [(rng.choice(["Matricule INS", "N° INS", "INS"]), _ins(I, rng, INS_ANY))]
        if I.oid:
            last.append(("OID", M.TEST_OID))
        rows.append(last)
    width = doc.right - doc.left
    colw = width / 3
    sep = rng.choice([" : ", " : ", ": "])
    ruled = rng.random() < 0.5
    bold = rng.random() < 0.6
    pad = 4
    size = _fit(doc, [lb + sep + v for r in rows for lb, v in r], 2 * colw - 2 * pad, size, floor=7)
    lead = doc.lead(size)

    def cell_lines(lb, v, w):
        lines = doc.wrap(lb + sep + v, w - 2 * pad, size)
        return lines

    plan = []
    for r in rows:
        spans = [1] * len(r)
        if len(r) == 1:
            spans = [3]
        elif len(r) == 2:
            spans = [2, 1]
        cells = []
        for (lb, v), s in zip(r, spans):
            cells.append((lb, v, s, cell_lines(lb, v, colw * s)))
        h = max(len(c[3]) for c in cells) * lead + 5
        plan.append((cells, h))
    total = sum(h for _, h in plan)
    doc.need(total + 10)
    doc.mark("identity")
    top = doc.y + 2
    y = top
    for cells, h in plan:
        x = doc.left
        for lb, v, s, lines in cells:
            w = colw * s
            if ruled:
                doc.rect(x, y, w, h, lw=0.4)
            yy = y + 2.5
            first = True
            for t in lines:
                yy += lead * 0.8
                if first and t.startswith(lb + sep.rstrip()):
                    lw_ = doc.text(x + pad, yy, lb + sep, size, gray=0.3)
                    rest = t[len(lb + sep):] if t.startswith(lb + sep) else t[len(lb + sep.rstrip()):].lstrip()
                    if rest:
                        doc.text(x + pad + lw_, yy, rest, size, bold=bold)
                else:
                    doc.text(x + pad, yy, t, size, bold=bold)
                first = False
                yy += lead * 0.2
            x += w
        if not ruled:
            doc.hline(doc.left, doc.right, y + h, 0.3, 0.6)
        y += h
    doc.y = y
    doc.unmark()
    doc.gap(size)


def id_grouped(doc, I, rng):
    """Sections under small headings (civil status, birth, national identifier) with short labels
    that only mean something under their heading; the INS key sometimes in a field of its own."""
    size = I.size
    small = max(6.5, size - 1.5)
    caps = rng.random() < 0.5
    civil = [(rng.choice(["Nom de naissance", "Nom"]), I.birth)]
    if I.used:
        civil.append((rng.choice(["Nom utilisé", "Usage", "Nom d'usage"]), I.used))
    civil.append((rng.choice(["Prénoms", "Prénom(s)"]), I.first_names(rng, rng.choice(["all", "all-comma"]))))
    sex = ("Sexe", _sex(I, rng, ["letter", "word", "person"]))
    birth = [(rng.choice(["Date", "Le"]), _date(I, rng, ["slash", "words", "dot", "upper-words", "nozero"]))]
    if I.place:
        if I.abroad:
            birth.append(("Pays", I.place_name))
            birth.append(("Code pays", I.place))
        else:
            birth.append((rng.choice(["Lieu", "Commune", "À"]), I.place_name))
            birth.append((rng.choice(["Code", "Code INSEE", "INSEE"]), I.place))
    if rng.random() < 0.5:
        civil.append(sex)
    else:
        birth.append(sex)
    groups = [(rng.choice(["ÉTAT CIVIL", "État civil", "IDENTITÉ"]), civil),
              (rng.choice(["NAISSANCE", "Naissance"]), birth)]
    if I.ins:
        ins = []
        if rng.random() < 0.5:
            ins.append((rng.choice(["Matricule", "N°"]), _ins_body(I, rng)))
            ins.append(("Clé", I.ins[13:]))
        else:
            ins.append((rng.choice(["Matricule", "N°"]), _ins(I, rng, ["grouped", "plain", "key-sep"])))
        if I.oid or rng.random() < 0.3:
            ins.append(("OID", M.TEST_OID))
        if rng.random() < 0.6:
            ins.append(("Statut", rng.choice(["qualifiée", "Identité qualifiée", "INS qualifié"])))
        groups.append((rng.choice(["IDENTIFIANT NATIONAL DE SANTÉ (INS)", "INS", "Identifiant national de santé"]),
                       ins))
    elif rng.random() < 0.5:
        groups.append(("INS", [("Statut", rng.choice(["non qualifiée", "identité provisoire"]))]))
    if I.ipp and rng.random() < 0.5:
        refs = [("IPP", I.ipp)]
        I.uses.add("ipp")
        if I.nda and rng.random() < 0.6:
            refs.append(("Venue", I.nda))
            I.uses.add("nda")
        groups.append((rng.choice(["DOSSIER", "Dossier"]), refs))
    indent = rng.choice([0, 10, 16])
    gap = rng.choice([14, 18, 24])
    width = doc.right - doc.left - indent
    vbold = rng.random() < 0.7
    lead = doc.lead(size)

    def layout(fields):
        lines, cur, used = [], [], 0
        for lb, v in fields:
            w = doc.sw(lb, small) + 5 + doc.sw(v, size, bold=vbold)
            if cur and used + w > width:
                lines.append(cur)
                cur, used = [], 0
            cur.append((lb, v))
            used += w + gap
        return lines + [cur]

    plans = [(head, layout(fields)) for head, fields in groups]
    h = sum(doc.lead(small) * 1.3 + lead * len(ls) + 3 for _, ls in plans)
    doc.need(h + 8)
    doc.mark("identity")
    for head, lines in plans:
        doc.y += doc.lead(small) * 0.9
        doc.text(doc.left, doc.y, M.insi(head) if caps else head, small, bold=True, gray=0.25)
        if rng.random() < 0.5:
            doc.hline(doc.left, doc.right, doc.y + 2.5, 0.3, 0.6)
        doc.y += doc.lead(small) * 0.4
        for ln in lines:
            doc.y += lead * 0.8
            x = doc.left + indent
            for lb, v in ln:
                x += doc.text(x, doc.y, lb, small, gray=0.4) + 5
                x += doc.text(x, doc.y, v, size, bold=vbold) + gap
            doc.y += lead * 0.2
        doc.y += 3
    doc.unmark()
    doc.gap(size * 0.6)


def id_corner(doc, I, rng):
    """A small block flush right at the top of every page: name, birth, INS."""
    W = M.W
    size = rng.choice([7, 7, 7.5])
    caps = rng.random() < 0.4
    given = I.first_names(rng, rng.choice(["all", "first"]))
    if I.used:
        name = rng.choice(["%s %s (%s)" % (I.birth, given, _used_after(I, rng)),
                           "%s %s %s %s" % (I.used, I.born(), I.birth, given)])
    else:
        name = "%s %s" % (I.birth, given)
    lines = [(M.insi(name) if caps else name, True)]
    born = "%s %s" % (rng.choice(["Né(e) le", "DDN", I.born().capitalize() + " le"]),
                      _date(I, rng, ["slash", "dot", "slash"]))
    born += rng.choice([" – ", " – sexe ", " · "]) + _sex(I, rng, ["letter", "word"])
    if rng.random() < 0.5:
        born += " (%s)" % _age(I)
    lines.append((M.insi(born) if caps else born, False))
    if I.place:
        lines.append((rng.choice(["Lieu de naiss. ", "Né(e) à ", "LN "]) + _place(I, rng, ["paren", "code",
                                                                                       "code-upper"]), False))
    if I.ins:
        lines.append((rng.choice(["INS ", "INS : ", "Matricule INS "]) + _ins(I, rng, ["grouped", "plain", "key-sep",
                                                                                    "paren-key"]), False))
        if I.oid and len(lines) < 5:
            lines.append(("OID " + M.TEST_OID, False))
    if I.ipp and len(lines) < 5 and rng.random() < 0.6:
        lines.append(("IPP " + I.ipp, False))
        I.uses.add("ipp")
    right = W - rng.choice([30, 36, 42])
    size = _fit(doc, [t for t, _ in lines], 300, size, bold=True, floor=6)
    lead = size * 1.22
    top = 12
    bar = rng.random() < 0.5

    def block(d):
        if d.page == 1:
            d.mark("identity")
        y = top
        widest = 0
        for t, b in lines:
            y += lead * 0.85
            widest = max(widest, d.text(right, y, t, size, bold=b, align="right"))
            y += lead * 0.15
        if bar:
            d.vline(right - widest - 6, top + 2, y + 1, 1.2)
        d.unmark()

    block(doc)
    doc.page_start.append(block)


def id_fragments(doc, I, rng, reason):
    """The opening sentence cut into indented fragments, one trait a line."""
    size = doc.size
    f = I.sex == "F"
    e = "e" if f else ""
    intro = rng.choice(["J'ai reçu ce jour en consultation :", "Je vous adresse pour avis :",
                        "Nous avons pris en charge dans le service :", "J'ai revu ce jour :",
                        "Vous trouverez ci-dessous le compte rendu concernant :"])
    given = I.first_names(rng, rng.choice(["all", "first", "all"]))
    civ = I.civ(rng, rng.choice(["long", "short"]))
    fam = I.used or I.birth
    frags = [rng.choice(["%s %s %s" % (civ, given, fam), "%s %s %s" % (civ, fam, given)])]
    if I.used:
        frags[0] += rng.choice([", %s %s" % (I.born(), I.birth), " (nom de naissance : %s)" % I.birth])
    born = "%s le %s" % (I.born(), _date(I, rng, ["words", "slash", "words", "dot"]))
    if I.place:
        born += _place_phrase(I, rng)
    frags.append(born)
    if rng.random() < 0.6:
        frags.append("de sexe " + _sex(I, rng, ["lower"]))
    if rng.random() < 0.4:
        frags.append("âgé%s de %s" % (e, _age(I)))
    if I.ins:
        t = rng.choice(["INS n° ", "matricule INS ", "identifiant national de santé "]) + _ins(I, rng, INS_ANY)
        if I.oid:
            t += " (OID %s)" % M.TEST_OID
        frags.append(t)
    bullet = rng.choice(["– ", "- ", "• ", ""])
    indent = rng.choice([12, 18, 24])
    doc.need(doc.lead() * (len(frags) + 3))
    doc.mark("identity")
    doc.para(intro, size, after=1)
    for k, t in enumerate(frags):
        doc.para(bullet + t + ("," if k < len(frags) - 1 else ""), size, x=doc.left + indent, after=0)
    doc.unmark()
    doc.para("vu%s %s." % (e, reason), size)


IDENTITY_FAMILIES = {
    "f-id-a": (id_persons_table, "flow"),
    "f-id-b": (id_newspaper, "flow"),
    "f-id-c": (id_coupon, "footer"),
    "f-id-d": (id_measures, "flow"),
    "f-id-e": (id_bilingual, "flow"),
    "f-id-f": (id_fill_in, "flow"),
    "f-id-g": (id_stay_table, "flow"),
    "f-id-h": (id_left_of_window, "top-right"),
    "f-id-i": (id_chips, "flow"),
    "f-id-j": (id_justified, "flow"),
    "f-id-k": (id_numbered_firsts, "flow"),
    "f-id-l": (id_grouped, "flow"),
    "f-id-m": (id_corner, "band"),
    "f-id-n": (id_fragments, "body"),
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
    if form == "family-given":
        return "%s %s %s" % (short, p.family, p.given), "full"
    if form == "civ-short":
        return "%s le %s %s %s" % ("Mme" if f else "M.", short, p.given, p.family), "full"
    if form == "civ-word":
        return "%s le %s %s %s" % ("Madame" if f else "Monsieur", word, p.family, p.given), "full"
    if form == "caps":
        return ("%s %s %s" % (word, p.given, p.family)).upper(), "full"
    if form == "initials":
        return "%s %s %s" % (short, M.initials(p.given), p.family), "initial"
    if form == "family-initials":
        return "%s %s %s" % (short, p.family, M.initials(p.given)), "initial"
    if form == "family-only":
        return "%s %s" % (word, p.family), "none"
    return "%s %s %s" % (short, p.given, p.family), "full"  # "short-given-family"


FULL_FORMS = ["short-given-family", "short-given-family", "word-given-family", "word-family-given", "family-given",
              "civ-short", "civ-word", "caps"]


def _spec(p, rng):
    if p.spec is None:
        return p.profession[1]
    if p.spec[0] == M.GP:
        return rng.choice(["Médecine générale", "Médecin généraliste", "Médecin traitant"])
    return rng.choice(p.spec[2])


def _site(p, rng):
    return p.site.title().replace("De ", "de ").replace("D'", "d'").replace("Du ", "du ").replace("Des ", "des ") \
        if rng.random() < 0.5 else p.site


def _postal(p, rng, cedex=True):
    """[street lines…, 'postcode CITY'] and the city as printed."""
    lines = []
    if p.salaried and cedex and rng.random() < 0.35:
        lines.append(rng.choice(["CS %d" % rng.randint(20000, 99999), "BP %d" % rng.randint(10, 999)]))
    lines.append(p.street_line())
    upper = rng.random() < 0.75
    city = M.city_text(p, rng, upper=upper)
    suffix = ""
    if p.salaried and cedex and rng.random() < 0.4:
        suffix = rng.choice([" CEDEX", " CEDEX %d" % rng.randint(1, 9)]) if upper else " Cedex"
    lines.append("%s %s%s" % (p.postcode, city, suffix))
    return lines, city


def _win_top(doc, rng):
    return max(rng.choice([138, 146, 154, 162]), getattr(doc, "header_bottom", 0) + 8)


def _right_block(doc, rng, items, x, top, min_x=None):
    """Draws (text, size, bold, italic, gray) lines from `top` at `x`, moving left (not past min_x),
    then shrinking and wrapping to stay left of the right margin. Returns (x, bottom)."""
    W = M.W
    limit = W - 30
    if min_x is None:
        min_x = W / 2 - 30
    min_x = max(min_x, getattr(doc, "f_left_right", 0) + 14)
    widest = max(doc.sw(t, sz, bold=b, italic=i) for t, sz, b, i, _ in items)
    if x + widest > limit:
        x = max(min_x, limit - widest)
    scale = 0
    while x + max(doc.sw(t, sz - scale, bold=b, italic=i) for t, sz, b, i, _ in items) > limit and scale < 2:
        scale += 0.5
    lines = []
    for t, sz, b, i, g in items:
        for part in doc.wrap(t, limit - x, sz - scale, b, i):
            lines.append((part, sz - scale, b, i, g))
    y = top
    for t, sz, b, i, g in lines:
        y += doc.lead(sz) * 0.8
        doc.text(x, y, t, sz, bold=b, italic=i, gray=g)
        y += doc.lead(sz) * 0.2
    doc.f_win = (x, top, limit, y)
    return x, y


def _floored(fn):
    """The flow starts under an identity block set beside the address, when there is one."""
    def draw(doc, L, rng):
        r = fn(doc, L, rng)
        floor = getattr(doc, "f_floor", None)
        if floor is None:
            return r
        return max(r or 0, floor)
    return draw


def ad_high_window(doc, L, rng):
    """The address at the top right, level with the letterhead, as some word-processor templates
    place it; the name in capitals sometimes, the specialty in italics."""
    p = L.to
    W = M.W
    name, gf = _pname(p, rng, rng.choice(FULL_FORMS + ["initials"]))
    size = min(doc.size + rng.choice([0, 0.5]), 11)
    items = [(name, size, rng.random() < 0.7, False, 0)]
    if p.salaried:
        items.append((M.service_of(p.service), size, False, False, 0))
        items.append((_site(p, rng), size, False, False, 0))
    elif rng.random() < 0.7:
        items.append((_spec(p, rng), size, False, True, 0))
    postal, city = _postal(p, rng)
    items += [(t, size, False, False, 0) for t in postal]
    L.mentions.add(p, "to", name, gf, city, p.postcode)
    # Under anything already drawn on the right half (a centred letterhead, a corner block).
    taken = [b[3] for b in _page_boxes(doc) if b[2] > W / 2 - 10]
    top = max([rng.choice([36, 44, 52])] + [t + 12 for t in taken])
    x = rng.choice([315, 325, 340])
    _, bottom = _right_block(doc, rng, items, x, top, min_x=W / 2 - 5)
    return bottom + 4


def ad_attention_last(doc, L, rng):
    """Right window: the practice or hospital first, the postal lines, then 'À l'attention du …'
    last."""
    p = L.to
    size = min(doc.size + rng.choice([0, 0.5]), 11)
    form = rng.choice(["short-given-family", "word-given-family", "initials", "family-given", "word-family-given"])
    name, gf = _pname(p, rng, form)
    items = []
    if p.salaried:
        items.append((_site(p, rng), size, True, False, 0))
        items.append((M.service_of(p.service), size, False, False, 0))
    else:
        items.append((rng.choice(["Cabinet médical", "Cabinet de " + M.lower_service(p.spec[3]) if p.spec else
                                  "Cabinet médical", "Maison médicale", "Centre médical " + M.title_city(p.city)]),
                      size, True, False, 0))
    postal, city = _postal(p, rng)
    items += [(t, size, False, False, 0) for t in postal]
    lead_in = rng.choice(["À l'attention du ", "A l'attention du ", "À l'att. du ", "Aux bons soins du ", "A/S du "])
    items.append((lead_in + name, size - 0.5, False, True, 0))
    L.mentions.add(p, "to", name, gf, city, p.postcode)
    x = rng.choice([305, 318, 330])
    _, bottom = _right_block(doc, rng, items, x, _win_top(doc, rng))
    return bottom + 4


def ad_fax_cover(doc, L, rng):
    """A transmission slip under the letterhead: a two-column table, the sender's rows and the
    addressee's rows under group headings, the date and the number of pages."""
    p = L.to
    a = L.author
    h = L.hospital
    name, gf = _pname(p, rng, rng.choice(FULL_FORMS + ["initials", "family-initials"]))
    city = M.city_text(p, rng, upper=rng.random() < 0.7)
    place = "%s, %s" % (p.street_line(), _nb("%s %s" % (p.postcode, city)))
    where = _site(p, rng) if p.salaried else _spec(p, rng)
    fax = "%s %02d %02d %02d" % (p.phone[:5], rng.randint(0, 99), rng.randint(0, 99), rng.randint(0, 99))
    to = [[rng.choice(["DESTINATAIRE", "Destinataire", "À"]), ""], ["Nom", name],
          [rng.choice(["Établissement", "Structure"]) if p.salaried else "Qualité", where], ["Adresse", place]]
    if p.mssante and rng.random() < 0.6:
        to.append(["MSSanté", p.mssante])
    else:
        to.append(["N° de fax", _nb(fax)])
    frm = [[rng.choice(["EXPÉDITEUR", "Expéditeur", "De"]), ""],
           ["Nom", "%s %s %s" % ("Pr" if a.title == "PR" else "Dr", a.given, a.family)],
           ["Service", M.service_of(a.service)],
           ["Tél. / Fax", "%s / %s" % (_nb(h["phone"]), _nb(h["fax"]))]]
    L.mentions.add(p, "to", name, gf, city, p.postcode)
    groups = [frm, to] if rng.random() < 0.6 else [to, frm]
    rows = groups[0] + groups[1]
    heads = (0, len(groups[0]))
    rows.append([rng.choice(["Date d'envoi", "Date"]), _nb("%02d/11/2026" % rng.randint(2, 23))])
    rows.append([rng.choice(["Nombre de pages", "Pages (avec celle-ci)"]), str(rng.randint(2, 5))])
    if rng.random() < 0.5:
        rows.append(["Message", rng.choice(["Veuillez trouver ci-joint le document concernant votre patient(e).",
                                            "Pour information et suite à donner.", "Urgent – merci de confirmer "
                                            "la réception."])])
    title = rng.choice(["BORDEREAU DE TRANSMISSION", "TÉLÉCOPIE", "FICHE DE TRANSMISSION", "Bordereau d'envoi"])
    size = max(7.5, min(doc.size - 0.5, 9.5))
    x0 = 40 if doc.left > 100 else doc.left
    width = (doc.right - x0) * rng.choice([0.7, 0.85, 1.0])
    widths, size = _fit_grid(doc, rows, width, size, bold_rows=heads, bold_cols=(0,))
    widths[-1] += width - sum(widths)
    top = getattr(doc, "header_bottom", 100) + rng.choice([8, 14])
    lead = doc.lead(size)
    doc.rect(x0, top, width, lead + 6, lw=0.6, fill=0.8)
    doc.text(x0 + width / 2, top + lead + 1, title, size + 0.5, bold=True, align="centre")
    fills = {(r, None): 0.9 for r in heads}
    y = _grid(doc, x0, top + lead + 6, widths, rows, size, bold_rows=heads, bold_cols=(0,), fills=fills)
    if rng.random() < 0.6:
        note = ("Document médical confidentiel. Si vous avez reçu ce message par erreur, merci de prévenir "
                "l'expéditeur et de le détruire.")
        for part in doc.wrap(note, width, 6.5, italic=True):
            y += 8.5
            doc.text(x0, y, part, 6.5, italic=True, gray=0.35)
    doc.f_win = None
    return y + 6


def ad_patient_private(doc, L, rng):
    """Left window to the patient: 'Personnel et confidentiel', sometimes in the care of someone else."""
    I = L.ident
    f = I.sex == "F"
    size = min(doc.size + 0.5, 11)
    civ = I.civ(rng, rng.choice(["long", "long", "short", "upper"]))
    fam = I.used or I.birth
    given = I.firsts[0]
    if L.patient["child"]:
        name = rng.choice(["Aux parents de %s %s" % (given, fam), "Monsieur et Madame %s" % fam,
                           "À l'attention des parents de %s %s" % (fam, given)])
    else:
        name = rng.choice(["%s %s %s" % (civ, fam, given), "%s %s %s" % (civ, given, fam),
                           "%s %s" % (civ, M.insi("%s %s" % (fam, given)))])
    street, pc, city = L.patient["home"]
    items = [(rng.choice(["PERSONNEL ET CONFIDENTIEL", "Confidentiel", "PLI CONFIDENTIEL"]), size - 2, True, False,
              0.2), (name, size, False, False, 0)]
    if rng.random() < 0.3:
        g = rng.choice("FM")
        items.append(("chez %s %s %s" % ("Mme" if g == "F" else "M.", rng.choice(M.GIVEN_F if g == "F" else M.GIVEN_M),
                                         M.pick_surname(rng)), size, False, False, 0))
        L.traps.append("care-of")
    if rng.random() < 0.3:
        items.append((rng.choice(["Résidence Les Tilleuls, bât. %s" % rng.choice("ABC"), "Appartement %d" %
                                  rng.randint(1, 60), "Lieu-dit Kerhuel"]), size, False, False, 0))
    items.append((street, size, False, False, 0))
    items.append(("%s %s" % (pc, city if rng.random() < 0.7 else M.title_city(city)), size, False, False, 0))
    L.addressed_to_patient = True
    L.salutation = ("Madame," if f else "Monsieur,") if not L.patient["child"] else "Madame, Monsieur,"
    x = rng.choice([55, 62, 70])
    limit = M.W / 2 - 10
    lines = []
    for t, sz, b, i, g in items:
        for part in doc.wrap(t, limit - x, sz, b, i):
            lines.append((part, sz, b, i, g))
    y = _win_top(doc, rng)
    top = y
    for t, sz, b, i, g in lines:
        y += doc.lead(sz) * 0.8
        doc.text(x, y, t, sz, bold=b, italic=i, gray=g)
        y += doc.lead(sz) * 0.2
    doc.f_win = (x, top, limit, y)
    return y + 4


def ad_channel_tag(doc, L, rng):
    """Right window under a stamp telling how the letter travels: internal mail to a hospital
    colleague (unit, building), or registered post with its number."""
    p = L.to
    size = min(doc.size + rng.choice([0, 0.5]), 11)
    name, gf = _pname(p, rng, rng.choice(FULL_FORMS + ["initials"]))
    items = []
    if p.salaried:
        tag = rng.choice(["COURRIER INTERNE", "Courrier interne – navette", "PLI INTERNE"])
        items.append((name, size, True, False, 0))
        items.append((M.service_of(p.service), size, False, False, 0))
        items.append(("UF %04d – %s" % (rng.randint(1000, 9999), rng.choice(["Bâtiment %s" % rng.choice("ABCDE"),
                                                                             "Pavillon %s" % rng.choice(
                                                                                 ["Laennec", "Charcot", "Pasteur"]),
                                                                             "Porte %d" % rng.randint(1, 40)])),
                      size - 0.5, False, False, 0))
        items.append((_site(p, rng), size, False, False, 0))
        city = M.city_text(p, rng)
        items.append(("%s %s" % (p.postcode, city), size, False, False, 0))
    else:
        tag = rng.choice(["LETTRE RECOMMANDÉE AVEC AR", "LETTRE SUIVIE", "PLI MÉDICAL CONFIDENTIEL"])
        if "RECOMMANDÉE" in tag or "SUIVIE" in tag:
            items.append(("N° %s %d %03d %03d %04d %d" % (rng.choice(["1A", "2C", "1K"]), rng.randint(1, 9),
                                                          rng.randint(0, 999), rng.randint(0, 999),
                                                          rng.randint(0, 9999), rng.randint(0, 9)),
                          size - 2, False, False, 0.3))
        items.append((name, size, True, False, 0))
        if rng.random() < 0.6:
            items.append((_spec(p, rng), size, False, False, 0))
        postal, city = _postal(p, rng, cedex=False)
        items += [(t, size, False, False, 0) for t in postal]
    L.mentions.add(p, "to", name, gf, city, p.postcode)
    top = _win_top(doc, rng)
    tsize = max(6.5, size - 2)
    tw = doc.sw(tag, tsize, bold=True)
    th = tsize + 6
    style = rng.choice(["stamp", "stamp", "bar", "rule"])
    x0, bottom = _right_block(doc, rng, items, rng.choice([305, 318, 330]), top + th + 4, min_x=M.W / 2 - 24)
    x0 = min(x0, M.W - 34 - tw)
    if style == "stamp":
        doc.rect(x0 - 3, top, tw + 8, th, lw=0.9)
        doc.text(x0 + 1, top + th - 3.5, tag, tsize, bold=True)
    elif style == "bar":
        doc.rect(x0 - 3, top, tw + 8, th, lw=0.3, fill=0.2, stroke=False)
        doc.text(x0 + 1, top + th - 3.5, tag, tsize, bold=True, gray=1.0)
    else:
        doc.text(x0, top + th - 3.5, tag, tsize, bold=True)
        doc.hline(x0, x0 + tw, top + th - 1, 0.5)
    return bottom + 6


def ad_webmail(doc, L, rng):
    """A letter printed from a secure mail client: 'De :', 'À :', 'Date :', 'Objet :' over a rule."""
    p = L.to
    a = L.author
    h = L.hospital
    name, gf = _pname(p, rng, rng.choice(FULL_FORMS + ["initials", "family-initials"]))
    size = max(7.5, min(doc.size - 0.5, 10))
    sender = "%s %s %s" % ("Pr" if a.title == "PR" else "Dr", a.given, a.family)
    box = a.mssante or "secretariat.%s@%s" % (M.insi(a.service).split()[0].lower(), h["domain"].replace(
        ".fr", ".mssante.fr"))
    city = pc = None
    if p.mssante:
        to = "%s <%s>" % (name, p.mssante)
        if p.force_place or rng.random() < 0.4:
            city = M.city_text(p, rng)
            to += rng.choice([" – %s" % city, " (%s, %s)" % (_spec(p, rng).lower().replace("orl", "ORL"), city)])
    else:
        city = M.city_text(p, rng)
        pc = p.postcode
        to = "%s – envoi postal : %s, %s %s" % (name, p.street_line(), pc, city)
    L.mentions.add(p, "to", name, gf, city, pc)
    when = "%s %d novembre 2026 %02d:%02d" % (rng.choice(["lun.", "mar.", "mer.", "jeu.", "ven."]),
                                              rng.randint(2, 23), rng.randint(7, 19), rng.randint(0, 59))
    rows = [("De", "%s <%s>" % (sender, box)), ("À", to), ("Date", when), ("Objet", L.title)]
    if rng.random() < 0.6:
        rows.append((rng.choice(["Pièce jointe", "PJ"]), "%s_%s.pdf (%d Ko)" % (
            rng.choice(["CR", "Courrier", "LL"]), rng.randint(100000, 999999), rng.randint(80, 900))))
    x0 = 40 if doc.left > 100 else doc.left
    width = doc.right - x0
    sep = rng.choice([" : ", "  "])
    tab = x0 + max(doc.sw(lb + sep, size, bold=True) for lb, _ in rows) + 6
    lead = doc.lead(size)
    y = getattr(doc, "header_bottom", 100) + rng.choice([8, 14])
    doc.hline(x0, x0 + width, y, 0.6)
    y += 2
    for lb, v in rows:
        parts = doc.wrap(v, x0 + width - tab, size)
        for k, part in enumerate(parts):
            y += lead * 0.8
            if k == 0:
                doc.text(x0, y, lb + sep, size, bold=True)
            doc.text(tab, y, part, size)
            y += lead * 0.2
    y += 3
    doc.hline(x0, x0 + width, y, 0.6)
    doc.f_win = None
    return y + 6


def ad_checkboxes(doc, L, rng):
    """'Destinataire(s) :' with ticked boxes: the ticked one names the addressee, the others are
    empty choices."""
    p = L.to
    name, gf = _pname(p, rng, rng.choice(FULL_FORMS + ["initials"]))
    size = max(7.5, min(doc.size, 10))
    gp = p.spec is not None and p.spec[0] == M.GP
    role = "Médecin traitant" if gp and rng.random() < 0.8 else rng.choice(["Médecin correspondant",
                                                                           "Médecin adresseur", "Spécialiste"])
    city = M.city_text(p, rng)
    if rng.random() < 0.5:
        where, pc = "%s, %s %s" % (p.street_line(), p.postcode, city), p.postcode
    else:
        where, pc = city, None
    L.mentions.add(p, "to", name, gf, city, pc)
    choices = [(True, "%s : %s – %s" % (role, name, where))]
    others = ["Patient(e)", "Médecin adresseur", "Établissement d'accueil", "Autre : ____________________"]
    others = [o for o in others if not o.startswith(role)]
    rng.shuffle(others)
    choices += [(False, o) for o in others[:rng.randint(2, 3)]]
    if rng.random() < 0.5:
        rng.shuffle(choices)
    x0 = doc.left
    width = doc.right - x0
    lead = doc.lead(size) * 1.2
    box = size * 0.85
    y = getattr(doc, "header_bottom", 100) + rng.choice([10, 16])
    y += lead * 0.8
    doc.text(x0, y, rng.choice(["Destinataire(s) du courrier :", "Courrier adressé à :", "DESTINATAIRE"]), size,
             bold=True)
    y += lead * 0.2
    inline = rng.random() < 0.3 and sum(doc.sw(t, size) + box + 22 for _, t in choices) < width
    if inline:
        y += lead * 0.8
        x = x0
        for ticked, t in choices:
            doc.rect(x, y - box * 0.85, box, box, lw=0.6)
            if ticked:
                doc.text(x + box / 2, y - box * 0.1, "X", box * 0.95, bold=True, align="centre")
            x += box + 5
            x += doc.text(x, y, t, size) + 16
        y += lead * 0.2
    else:
        for ticked, t in choices:
            parts = doc.wrap(t, width - box - 20, size)
            for k, part in enumerate(parts):
                y += lead * 0.8
                if k == 0:
                    doc.rect(x0 + 8, y - box * 0.85, box, box, lw=0.6)
                    if ticked:
                        doc.text(x0 + 8 + box / 2, y - box * 0.1, "X", box * 0.95, bold=True, align="centre")
                doc.text(x0 + 8 + box + 6, y, part, size)
                y += lead * 0.2
    doc.f_win = None
    return y + 6


def ad_mailbox_only(doc, L, rng):
    """A block on the right naming the addressee and the secure mailbox only, no postal address;
    under the letterhead, or at the foot of the first page."""
    p = L.to
    size = min(doc.size + rng.choice([0, 0.5]), 11)
    name, gf = _pname(p, rng, rng.choice(FULL_FORMS))
    items = [(rng.choice(["Envoi par messagerie sécurisée de santé", "Destinataire (MSSanté)",
                          "Transmis via MSSanté"]), max(6.5, size - 2), False, True, 0.3),
             (name, size, True, False, 0)]
    spec = _spec(p, rng) if not p.salaried else M.service_of(p.service)
    city = pc = None
    if p.force_place or rng.random() < 0.4:
        city = M.city_text(p, rng)
        spec += " – " + city
    items.append((spec, size, False, False, 0))
    if p.mssante:
        items.append((p.mssante, size - 0.5, False, False, 0))
    else:
        city = city or M.city_text(p, rng)
        pc = p.postcode
        items.append(("(pas de messagerie sécurisée : envoi postal)", size - 1.5, False, True, 0.3))
        items += [(t, size, False, False, 0) for t in (p.street_line(), "%s %s" % (pc, city))]
    L.mentions.add(p, "to", name, gf, city, pc)
    if rng.random() < 0.6:
        _, bottom = _right_block(doc, rng, items, rng.choice([300, 315, 330]), _win_top(doc, rng))
        return bottom + 4
    # At the foot of the first page, on the right, above the page footer.
    x = rng.choice([300, 315, 330])
    h = sum(doc.lead(sz) for _, sz, _, _, _ in items) + 4
    for t, sz, b, i, _ in items:
        h += doc.lead(sz) * (len(doc.wrap(t, M.W - 30 - x, sz, b, i)) - 1)
    orig = doc.st.bottom
    top = orig - h - 2
    doc.hline(x, x + 50, top - 3, 0.6)
    _right_block(doc, rng, items, x, top, min_x=x)
    doc.f_win = None
    doc.st.bottom = top - 16

    def restore(d):
        d.st.bottom = orig

    doc.page_start.insert(0, restore)
    return None


# (draw, window: "right" | "left" | "none" | "flow" | "both", needs a professional addressee)
ADDRESSEE_FAMILIES = {
    "f-ad-a": (_floored(ad_high_window), "right", True),
    "f-ad-b": (_floored(ad_attention_last), "right", True),
    "f-ad-c": (_floored(ad_fax_cover), "both", True),
    "f-ad-d": (_floored(ad_patient_private), "left", False),
    "f-ad-e": (_floored(ad_channel_tag), "right", True),
    "f-ad-f": (_floored(ad_webmail), "both", True),
    "f-ad-g": (_floored(ad_checkboxes), "both", True),
    "f-ad-h": (_floored(ad_mailbox_only), "right", True),
}


# ---------------------------------------------------------------------------------------------
# Copies


def _patient_copy(L, rng):
    I = L.ident
    f = I.sex == "F"
    fam = I.used or I.birth
    return rng.choice(["%s %s (%s)" % ("Mme" if f else "M.", fam, "patiente" if f else "patient"),
                       "la patiente" if f else "le patient", "Patient(e) – remis en main propre",
                       "Pour information : %s" % ("la patiente" if f else "le patient")])


def _copy_name(p, rng):
    return _pname(p, rng, rng.choice(["short-given-family", "family-given", "initials", "word-given-family",
                                      "family-initials", "word-family-given"]))


def _to_line(L, rng):
    """The addressee as a distribution list names it again: (text, mention) or the patient."""
    p = L.to
    if p is None:
        return _patient_copy(L, rng) if L.addressed_to_patient else None, None
    name, gf = _pname(p, rng, rng.choice(FULL_FORMS + ["initials"]))
    city = M.city_text(p, rng)
    return "%s – %s" % (name, _nb(city)), (p, name, gf, city)


def cp_address_blocks(doc, L, rng):
    """'Copies adressées à :' then one small address block each, side by side."""
    blocks = []
    for p in L.copies:
        name, gf = _copy_name(p, rng)
        lines = [name]
        if p.salaried:
            lines.append(M.service_of(p.service))
            lines.append(_site(p, rng))
        elif rng.random() < 0.6:
            lines.append(_spec(p, rng))
        city = M.city_text(p, rng)
        if rng.random() < 0.7 or p.force_place:
            lines.append(p.street_line())
            lines.append("%s %s" % (p.postcode, city))
            L.mentions.add(p, "cc", name, gf, city, p.postcode)
        elif p.mssante and doc.sw(p.mssante, 7) < 120:
            lines.append(p.mssante)
            L.mentions.add(p, "cc", name, gf, None, None)
        else:
            lines.append(city)
            L.mentions.add(p, "cc", name, gf, city, None)
        blocks.append(lines)
    if L.copy_patient:
        blocks.append([_patient_copy(L, rng)])
    if not blocks:
        return
    size = max(7, doc.size - rng.choice([1, 1.5, 2]))
    width = doc.right - doc.left
    per = min(len(blocks), 3 if width > 380 else 2)
    gap = 12
    bw = (width - gap * (per - 1)) / per
    lead = doc.lead(size)
    framed = rng.random() < 0.5
    label = rng.choice(["Copies adressées à :", "Copie(s) à :", "Copie du présent courrier à :", "COPIES"])
    words = [w for b in blocks for t in b for w in t.split(" ")]
    while size > 6.5 and max(doc.sw(w, size, bold=True) for w in words) > bw - 10:
        size -= 0.5
    lead = doc.lead(size)
    wrapped = [[(part, k == 0) for k, t in enumerate(b) for part in doc.wrap(t, bw - 10, size, bold=(k == 0))]
               for b in blocks]
    rows = [wrapped[i:i + per] for i in range(0, len(wrapped), per)]
    doc.gap(size * 0.5)
    doc.need(lead * 2 + max(len(b) for b in rows[0]) * lead + 10)
    doc.line(label, size, bold=True)
    for row in rows:
        h = max(len(b) for b in row) * lead + 8
        doc.need(h + 4)
        top = doc.y + 2
        for k, b in enumerate(row):
            x = doc.left + k * (bw + gap)
            if framed:
                doc.rect(x, top, bw, h, lw=0.4)
            y = top + 3
            for t, bold in b:
                y += lead * 0.8
                doc.text(x + 5, y, t, size, bold=bold)
                y += lead * 0.2
        doc.y = top + h + 4


def cp_distribution_box(doc, L, rng):
    """A framed 'Diffusion' box: the addressee again under 'Destinataire', then the copies, the
    patient for information and the file copy."""
    to_text, to_mention = _to_line(L, rng)
    entries = []
    for p in L.copies:
        name, gf = _copy_name(p, rng)
        city = M.city_text(p, rng)
        if rng.random() < 0.5:
            entries.append("%s, %s – %s" % (name, _spec(p, rng).lower().replace("orl", "ORL"), _nb(city)))
        else:
            entries.append("%s (%s)" % (name, _nb(city)))
        L.mentions.add(p, "cc", name, gf, city, None)
    if not entries and not L.copy_patient:
        return
    if to_mention:
        p, name, gf, city = to_mention
        L.mentions.add(p, "to", name, gf, city, None)
    size = max(7, doc.size - 1)
    lead = doc.lead(size)
    sections = []
    if to_text:
        sections.append((rng.choice(["Destinataire :", "Destinataire principal :", "Original :"]), [to_text]))
    if entries:
        if rng.random() < 0.4:
            entries = [" ; ".join(entries)]
        sections.append((rng.choice(["Copie(s) :", "En copie :", "Copies :"]), entries))
    if L.copy_patient:
        sections.append(("Pour information :", [_patient_copy(L, rng)]))
    if rng.random() < 0.6:
        sections.append((rng.choice(["Archivage :", "Copie dossier :"]), [rng.choice(
            ["dossier patient informatisé", "dossier médical du service", "DMP (Mon espace santé)"])]))
    width = min(doc.right - doc.left, rng.uniform(300, 420))
    tab = max(doc.sw(h, size, bold=True) for h, _ in sections) + 12
    lines = []
    for head, items in sections:
        for k, it in enumerate(items):
            for j, part in enumerate(doc.wrap(it, width - tab - 12, size)):
                lines.append((head if k == 0 and j == 0 else None, part))
    title = rng.choice(["DIFFUSION", "Liste de diffusion", "Destinataires du document"])
    h = lead * (len(lines) + 1.3) + 8
    doc.gap(size * 0.5)
    doc.need(h + 6)
    top = doc.y + 2
    x = doc.left
    doc.rect(x, top, width, h, lw=0.6)
    doc.rect(x, top, width, lead * 1.3, lw=0.6, fill=0.88)
    doc.text(x + 6, top + lead * 1.3 - 4, title, size, bold=True)
    y = top + lead * 1.3 + 3
    for head, part in lines:
        y += lead * 0.8
        if head:
            doc.text(x + 6, y, head, size, bold=True)
        doc.text(x + 6 + tab, y, part, size)
        y += lead * 0.2
    doc.y = top + h + 4


def cp_reference_fields(doc, L, rng):
    """Under the date, before the title: reference fields (our ref., file handled by, enclosures)
    of which one is the copies."""
    a = L.author
    entries = []
    for p in L.copies:
        name, gf = _copy_name(p, rng)
        city = M.city_text(p, rng, upper=rng.random() < 0.5)
        entries.append("%s (%s)" % (name, _nb(city)) if rng.random() < 0.7 else "%s – %s" % (name, _nb(city)))
        L.mentions.add(p, "cc", name, gf, city, None)
    if L.copy_patient:
        entries.append(rng.choice(["patient(e)", _patient_copy(L, rng)]))
    if not entries:
        return
    g = rng.choice("FM")
    rows = [(rng.choice(["N/Réf. :", "Nos réf. :"]), "%s%s/%s%s – %d-%04d" % (
        a.given[0], a.family[0], rng.choice("ABCDEFGHJLMNPRS"), rng.choice("ABCDEFGHJLMNPRS"), 2026,
        rng.randint(1, 9999))),
        (rng.choice(["V/Réf. :", "Vos réf. :"]), rng.choice(["—", "votre courrier du %s" % _nb("%02d/10/2026" %
                                                                                           rng.randint(1, 30))])),
        (rng.choice(["Dossier suivi par :", "Affaire suivie par :", "Secrétariat :"]), "%s %s %s – %s" % (
            "Mme" if g == "F" else "M.", rng.choice(M.GIVEN_F if g == "F" else M.GIVEN_M), M.pick_surname(rng),
            _nb(M.phone_text(L.hospital["phone"], rng))))]
    if rng.random() < 0.6:
        rows.append(("P.J. :", rng.choice(["ordonnance de sortie", "2 (ordonnance, résultats biologiques)",
                                           "compte rendu opératoire", "1"])))
    rows.insert(rng.randint(2, len(rows)), (rng.choice(["Copie(s) :", "Copies :", "Cc :"]), None))
    size = max(7, doc.size - 1.5)
    lead = doc.lead(size)
    tab = max(doc.sw(lb, size, italic=True) for lb, _ in rows) + 8
    x = doc.left
    width = min(doc.right - doc.left, 330)
    out = []
    for lb, v in rows:
        if v is None:
            for k, e in enumerate(entries):
                for j, part in enumerate(doc.wrap(e, width - tab, size)):
                    out.append((lb if k == 0 and j == 0 else None, part))
        else:
            for j, part in enumerate(doc.wrap(v, width - tab, size)):
                out.append((lb if j == 0 else None, part))
    doc.need(lead * len(out) + 6)
    for lb, part in out:
        doc.y += lead * 0.8
        if lb:
            doc.text(x, doc.y, lb, size, italic=True, gray=0.3)
        doc.text(x + tab, doc.y, part, size)
        doc.y += lead * 0.2
    doc.gap(size * 0.6)


def cp_sending_log(doc, L, rng):
    """How the document was sent, one entry each: a time-stamped line, then who received it."""
    items = []  # (stamp line, who line)
    day = rng.randint(2, 23)

    def stamp(channel):
        return "%s à %02d:%02d – %s" % (_nb("%02d/11/2026" % day), rng.randint(7, 19), rng.randint(0, 59), channel)

    to_text, to_mention = _to_line(L, rng)
    if to_mention and rng.random() < 0.7:
        p, name, gf, city = to_mention
        ch = "MSSanté" if p.mssante else "courrier postal"
        who = "%s (%s)" % (name, rng.choice(["destinataire", "destinataire principal"]))
        if p.mssante and rng.random() < 0.5:
            who += " – " + p.mssante
        who += " – " + _nb(city)
        L.mentions.add(p, "to", name, gf, city, None)
        items.append((stamp(ch), who))
    for p in L.copies:
        name, gf = _copy_name(p, rng)
        ch = "MSSanté" if p.mssante else rng.choice(["courrier postal", "courrier"])
        who = "%s (copie)" % name
        city = None
        if p.mssante and rng.random() < 0.6:
            who += " – " + p.mssante
        if p.force_place or rng.random() < 0.6 or not p.mssante:
            city = M.city_text(p, rng)
            who += " – " + _nb(city)
        L.mentions.add(p, "cc", name, gf, city, None)
        items.append((stamp(ch), who))
    if L.copy_patient:
        items.append((stamp(rng.choice(["Mon espace santé", "remis en main propre"])), _patient_copy(L, rng)))
    if not any("(copie)" in w for _, w in items) and not L.copy_patient:
        return
    if rng.random() < 0.5:
        items.append((stamp("DMP"), rng.choice(["Dossier médical partagé – versé", "Copie dossier – archivé"])))
    size = max(7, doc.size - 1.5)
    lead = doc.lead(size)
    label = rng.choice(["Historique des envois :", "Transmission du document :", "Envois :"])
    bullet = rng.choice(["• ", "- ", ""])
    doc.gap(size * 0.5)
    doc.need(lead * 3)
    doc.line(label, size, bold=True)
    x = doc.left + rng.choice([6, 10])
    for s, who in items:
        doc.need(lead * 2.2)
        doc.para(bullet + s, max(6.5, size - 1), x=x, after=0, italic=True)
        doc.para(who, size, x=x + doc.sw(bullet, size) + 2, after=0)
        doc.y += 2


def cp_with_enclosures(doc, L, rng):
    """Two lists side by side after the signature: the enclosed documents, and the copies."""
    copies = []
    for p in L.copies:
        name, gf = _copy_name(p, rng)
        city = M.city_text(p, rng, upper=rng.random() < 0.5)
        if rng.random() < 0.5:
            copies.append("%s, %s" % (name, _nb(city)))
        else:
            copies.append("%s (%s, %s)" % (name, _spec(p, rng).lower().replace("orl", "ORL"), _nb(city)))
        L.mentions.add(p, "cc", name, gf, city, None)
    if L.copy_patient:
        copies.append(_patient_copy(L, rng))
    if rng.random() < 0.4:
        copies.append(rng.choice(["Copie dossier", "Dossier du patient"]))
    a = L.author
    encl = rng.sample(["Ordonnance de sortie",
                       "Résultats biologiques du %s" % _nb("%02d/11/2026" % rng.randint(2, 20)),
                       "Compte rendu d'imagerie", "Compte rendu opératoire du %s %s" % (
                           "Pr" if a.title == "PR" else "Dr", a.family), "Courbe de tension",
                       "Lettre de liaison infirmière", "Bon de transport"], rng.randint(1, 3))
    size = max(7, doc.size - 1)
    lead = doc.lead(size)
    width = doc.right - doc.left
    colw = (width - 20) / 2
    left = (rng.choice(["Pièces jointes :", "P.J. :", "Documents joints :"]), encl)
    right = (rng.choice(["Copies :", "Copie à :", "Cc :"]), copies)
    cols = [left, right] if rng.random() < 0.5 else [right, left]
    bullet = rng.choice(["- ", "• ", ""])
    wrapped = []
    for head, items in cols:
        lines = [(head, True)]
        for it in items:
            for k, part in enumerate(doc.wrap(bullet + it, colw - 8, size)):
                lines.append((part if k == 0 else "  " + part, False))
        wrapped.append(lines)
    n = max(len(w) for w in wrapped)
    doc.gap(size * 0.6)
    doc.need(lead * n + 6)
    top = doc.y
    for c, lines in enumerate(wrapped):
        x = doc.left + c * (colw + 20)
        y = top
        for t, b in lines:
            y += lead * 0.8
            doc.text(x + (0 if b else 6), y, t, size, bold=b)
            y += lead * 0.2
    doc.y = top + lead * n + 4


def cp_beside_window(doc, L, rng):
    """The copies in small type on the left, beside the address block, when there is room there;
    otherwise under the date."""
    entries = []
    for p in L.copies:
        name, gf = _copy_name(p, rng)
        city = M.city_text(p, rng, upper=rng.random() < 0.6)
        entries.append("%s – %s" % (name, _nb(city)) if rng.random() < 0.6 else "%s (%s)" % (name, _nb(city)))
        L.mentions.add(p, "cc", name, gf, city, None)
    if L.copy_patient:
        entries.append(_patient_copy(L, rng))
    if not entries:
        return
    size = max(6.5, min(doc.size - 1.5, 8.5))
    lead = doc.lead(size)
    label = rng.choice(["Copie(s) :", "Copies à :", "cc :"])
    win = getattr(doc, "f_win", None)
    head = getattr(doc, "header_bottom", 0)
    placed = False
    if win and doc.page == 1:
        wx0, wy0, wx1, wy1 = win
        if wx0 > M.W / 2 - 40:  # the address on the right: the room is on the left
            x0, x1 = (doc.left if doc.left < 100 else doc.left), wx0 - 16
        else:  # on the left: the room is on the right
            x0, x1 = wx1 + 20, doc.right
        lines = [(label, True)] + [(part, False) for e in entries for part in doc.wrap(e, x1 - x0 - 6, size)]
        top = max(head + 8, wy0)
        h = lead * len(lines) + 4
        if x1 - x0 > 110 and doc.free((x0, top, x1, top + h), margin=4) and top + h < doc.y - 4:
            y = top
            for t, b in lines:
                y += lead * 0.8
                doc.text(x0 + (0 if b else 4), y, t, size, bold=b)
                y += lead * 0.2
            placed = True
    if not placed:  # under the date, on one paragraph
        doc.para(label + " " + rng.choice([" ; ", " – ", ", "]).join(entries), size, keep=True)


# (draw, needs copies, where: "end" after the signature, "top" before the title)
COPIES_FAMILIES = {
    "f-cp-a": (cp_address_blocks, True, "end"),
    "f-cp-b": (cp_distribution_box, True, "end"),
    "f-cp-c": (cp_reference_fields, True, "top"),
    "f-cp-d": (cp_sending_log, True, "end"),
    "f-cp-e": (cp_with_enclosures, True, "end"),
    "f-cp-f": (cp_beside_window, True, "top"),
}


# ---------------------------------------------------------------------------------------------
# DataMatrix positions

DM_POSITIONS = ["f-over-window", "f-after-text", "f-over-window", "f-after-text", "top-right", "footer-left"]


def dm_candidates(d, pos, s, W, H):
    if pos == "f-over-window":
        if d.page != 1:
            return []
        return [(x, y) for y in (70, 80, 92, 104) for x in (W - 40 - s, W - 70 - s, 330, 300)]
    if pos == "f-after-text":
        body = [b for b in d.boxes.get(d.page, []) if b[1] < H - 75]
        if not body:
            return []
        y = max(b[3] for b in body)
        right = d.right if d.right < W - 30 else W - 40
        return [(x, y + k) for k in (10, 18, 28) for x in (right - s, (d.left + d.right) / 2 - s / 2, d.left)]
    return []

"""Tuning layout families, third set (see make_letters.py).

These were the held-out families of session 29 (written blind to the reader); once their results
had been studied they joined the tuning part and a new held-out set (heldout_layouts.py) replaced
them.

The families use the helpers of make_letters.py, bound at import time through use().
"""

M = None  # the make_letters module


def use(module):
    global M
    M = module


def fonts(register):
    """The fonts of this set (registered here)."""
    dv = "/usr/share/fonts/truetype/dejavu/"
    lb = "/usr/share/fonts/truetype/liberation2/"
    out = []
    if register("DejaVuSansCondensed", dv + "DejaVuSansCondensed.ttf", dv + "DejaVuSansCondensed-Bold.ttf",
                dv + "DejaVuSansCondensed-Oblique.ttf"):
        out.append("DejaVuSansCondensed")
    if register("DejaVuSerifCondensed", dv + "DejaVuSerifCondensed.ttf", dv + "DejaVuSerifCondensed-Bold.ttf",
                dv + "DejaVuSerifCondensed-Italic.ttf"):
        out.append("DejaVuSerifCondensed")
    # Fonts the tuning part uses too, so that the held-out part does not hinge on fonts alone.
    if register("LiberationSerif", lb + "LiberationSerif-Regular.ttf", lb + "LiberationSerif-Bold.ttf",
                lb + "LiberationSerif-Italic.ttf"):
        out.append("LiberationSerif")
    return out + ["LiberationSans", "Times"]


# ---------------------------------------------------------------------------------------------
# Shared bits


def _labels(I):
    f = I.sex == "F"
    return {
        "birth_name": ["Nom de naissance", "Nom de naissance", "Nom à la naissance", "Nom (naissance)"],
        "used_name": ["Nom d'usage", "Nom utilisé", "Nom porté"] + (["Nom d'usage (marital)"] if f else []),
        "first_names": ["Prénoms", "Prénom(s) d'état civil", "Prénoms déclarés", "Prénoms (naissance)"],
        "birth_date": ["Date de naissance", "Naissance", "Né(e) le", "Date naissance"],
        "sex": ["Sexe", "Sexe", "Sexe (état civil)"],
        "birth_place": ["Lieu de naissance", "Commune de naissance", "Code INSEE naissance", "Lieu naissance"],
        "ins": ["Matricule INS", "INS", "Identifiant INS", "Matricule INS (NIR)", "N° INS"],
        "oid": ["OID", "OID INS", "OID autorité"],
    }


def _nb(s):
    """Kept on one line when a paragraph wraps (drawn as plain spaces)."""
    return s.replace(" ", M.NBSP)


def _age(I):
    n = M.age_on(I.iso)
    return "%d an%s" % (n, "s" if n > 1 else "")


def _pick(rng, labels, field):
    return rng.choice(labels[field])


def _name_paren(I, given):
    """'LECLERCQ Zoé Marie (née ROBIN)', or 'ROBIN Zoé Marie' without a used name."""
    if I.used:
        return "%s %s (%s %s)" % (I.used, given, I.born(), I.birth)
    return "%s %s" % (I.birth, given)


def _place_insee(I, rng, upper=False):
    """The birth place as a commune (or country) name with its INSEE code."""
    name = M.insi(I.place_name) if upper else I.place_name
    if I.abroad:
        return rng.choice(["%s (code pays %s)", "%s (%s)", "%s [%s]"]) % (name, I.place)
    style = rng.choice(["insee", "dash", "code-first", "bracket", "paren"])
    if style == "insee":
        return "%s (INSEE %s)" % (name, I.place)
    if style == "dash":
        return "%s - code INSEE %s" % (name, I.place)
    if style == "code-first":
        return "%s %s" % (I.place, name)
    if style == "bracket":
        return "%s [%s]" % (name, I.place)
    return "%s (%s)" % (name, I.place)


def _safe_date_style(I, rng, styles):
    y = int(I.iso[:4])
    ok = [s for s in styles if not s.startswith("short") or 1940 <= y <= 2005]
    return rng.choice(ok)


def _fit(doc, texts, width, size, bold=False, floor=6.5):
    """The largest size not above `size` at which every text fits `width`."""
    while size > floor and max(doc.sw(t, size, bold=bold) for t in texts) > width:
        size -= 0.5
    return size


# ---------------------------------------------------------------------------------------------
# Identity


def id_frame_band(doc, I, rng):
    """A framed patient banner at the top of every page, values pushed to both edges."""
    given = I.first_names(rng, rng.choice(["all", "all", "first"]))
    civ = I.civ(rng, rng.choice(["short", "upper"])) if rng.random() < 0.5 else ""
    name = (civ + " " if civ else "") + _name_paren(I, given)
    birth = "%s %s (%s)" % (rng.choice(["Né(e) le", I.born().capitalize() + " le"]),
                             I.date(rng, _safe_date_style(I, rng, ["slash", "slash", "dot"])), _age(I))
    sex = rng.choice(["Sexe : ", "Sexe "]) + I.sex_text(rng, rng.choice(["letter", "word"]))
    cells = [((name, True), (birth + "  -  " + sex, False))]
    second_left = None
    if I.place:
        second_left = (rng.choice(["Lieu de naissance : ", "Né(e) à : ", "Lieu naiss. : "]) +
                       _place_insee(I, rng), False)
    ins = None
    if I.ins:
        ins = rng.choice(["INS : ", "Matricule INS : ", "INS/NIR : "]) + I.ins_text(
            rng, rng.choice(["grouped", "plain", "key-sep"]))
    cells.append((second_left, (ins, False) if ins else None))
    third = []
    if I.ipp and rng.random() < 0.6:
        third.append(((rng.choice(["IPP : ", "N° dossier : "]) + I.ipp), False))
        I.uses.add("ipp")
    if I.ins and I.oid:
        third.append(("OID : " + M.TEST_OID, False))
    if third:
        cells.append((third[0], third[1] if len(third) > 1 else None))
    x0, x1 = 34, M.W - 34
    size = rng.choice([7.5, 8, 8.5])

    def pack(sz):
        rows = []
        for left, right in cells:
            if left is None and right is None:
                continue
            if left is None:
                rows.append((right, None))
                continue
            lw = doc.sw(left[0], sz, bold=left[1])
            rw = doc.sw(right[0], sz, bold=right[1]) if right else 0
            if right and lw + rw + 24 > x1 - x0:
                rows.append((left, None))
                rows.append((right, None))
            else:
                rows.append((left, right))
        return rows

    rows = pack(size)
    while (len(rows) > 3 or any(doc.sw(r[0][0], size, bold=r[0][1]) > x1 - x0 for r in rows)) and size > 6:
        size -= 0.5
        rows = pack(size)
    lead = size * 1.2

    def band(d):
        top = 12
        if d.page == 1:
            d.mark("identity")
        d.rect(28, top, M.W - 56, lead * len(rows) + 6, lw=0.8)
        y = top + 3
        for left, right in rows:
            y += lead * 0.8
            d.text(x0, y, left[0], size, bold=left[1])
            if right:
                d.text(x1, y, right[0], size, bold=right[1], align="right")
            y += lead * 0.2
        d.unmark()

    band(doc)
    doc.page_start.append(band)


def id_columns_table(doc, I, rng):
    """The traits as columns over one row of values in capitals, rules only across."""
    size = I.size
    head = max(6.0, size - rng.choice([2, 2.5, 3]))
    upper_head = rng.random() < 0.6
    cols = [(rng.choice(["Nom de naissance", "Nom naissance", "Nom de naiss."]), I.birth)]
    if I.used:
        cols.append((rng.choice(["Nom d'usage", "Nom utilisé"]), I.used))
    cols.append((rng.choice(["Prénoms", "Prénom(s)"]), I.first_names(rng, rng.choice(["all", "all-comma"])).upper()))
    date = ("Né(e) le" if rng.random() < 0.5 else "Date de naissance",
            I.date(rng, _safe_date_style(I, rng, ["slash", "dot", "dash", "short-slash"])))
    sex = ("Sexe", I.sex_text(rng, rng.choice(["letter", "word"])).upper())
    cols += [date, sex] if rng.random() < 0.5 else [sex, date]
    if I.place:
        cols.append((rng.choice(["Lieu de naissance", "Commune de naissance"]), _place_insee(I, rng, upper=True)))
    if I.ins:
        ins = (rng.choice(["Matricule INS", "INS", "N° INS"]), I.ins_text(rng, rng.choice(["grouped", "plain",
                                                                                            "key-sep"])))
        if rng.random() < 0.3:
            cols.insert(0, ins)
        else:
            cols.append(ins)
    if upper_head:
        cols = [(label.upper(), value) for label, value in cols]
    width = doc.right - doc.left
    bold = rng.random() < 0.7
    size = _fit(doc, [v for _, v in cols], width - 12, size, bold=bold)
    widths = [max(doc.sw(label, head), doc.sw(value, size, bold=bold)) + 14 for label, value in cols]
    tables, cur = [], []
    for col, w in zip(cols, widths):
        if cur and sum(c[1] for c in cur) + w > width:
            tables.append(cur)
            cur = []
        cur.append((col, w))
    tables.append(cur)
    step = head + size + 12
    doc.need(len(tables) * (step + 4) + 14)
    doc.mark("identity")
    spread = rng.random() < 0.5
    for t in tables:
        extra = (width - sum(w for _, w in t)) / len(t) if spread else 0
        top = doc.y
        total = sum(w + extra for _, w in t)
        doc.hline(doc.left, doc.left + total, top, rng.choice([0.8, 1.2]))
        doc.hline(doc.left, doc.left + total, top + head + 4, 0.3, 0.5)
        doc.hline(doc.left, doc.left + total, top + step, 0.5)
        x = doc.left
        for (label, value), w in t:
            doc.text(x + 3, top + head + 1.5, label, head, gray=0.4)
            doc.text(x + 3, top + head + size + 6, value, size, bold=bold)
            x += w + extra
        doc.y = top + step + 4
    if I.ins and I.oid:
        doc.line("OID : %s" % M.TEST_OID, head, gray=0.3)
    doc.unmark()
    doc.gap(size * 0.6)


def id_running_sentence(doc, I, rng, reason):
    """The patient inside the first sentence of the body, with age and INSEE code."""
    size = doc.size
    f = I.sex == "F"
    e = "e" if f else ""
    civ = I.civ(rng, "long")
    given = I.first_names(rng, rng.choice(["first", "all"]))
    fam = I.used or I.birth
    name = rng.choice(["%s %s %s" % (civ, given, fam), "%s %s %s" % (civ, fam, given)])
    date = I.date(rng, rng.choice(["words", "slash", "words"]))
    clauses = []
    if I.used and rng.random() < 0.5:
        born = "%s %s le %s" % (I.born(), I.birth, date)
    else:
        born = "%s le %s" % (I.born(), date)
        if I.used:
            clauses.append("de son nom de naissance %s" % I.birth)
    if I.place:
        if I.abroad:
            born += rng.choice([" à l'étranger (%s, code %s)" % (I.place_name, I.place),
                                " hors de France (%s, code pays %s)" % (I.place_name, I.place)])
        else:
            born += rng.choice([" à %s (code INSEE %s)" % (I.place_name, I.place),
                                " à %s (code commune %s)" % (I.place_name, I.place)])
    age = "âgé%s de %s" % (e, _age(I))
    clauses += [age, born] if rng.random() < 0.5 else [born, age]
    if rng.random() < 0.5:
        clauses.append("de sexe %s" % I.sex_text(rng, "lower"))
    if I.ins:
        oid = " (OID %s)" % M.TEST_OID if I.oid else ""
        clauses.append(rng.choice(["identifié%s par le matricule INS %s%s" % (e, I.ins_text(rng), oid),
                                   "dont l'INS est le %s%s" % (I.ins_text(rng), oid),
                                   "INS n° %s%s" % (I.ins_text(rng), oid)]))
    details = ", ".join(clauses)
    if rng.random() < 0.5:
        start = rng.choice(["Nous avons accueilli dans notre unité", "Suite à votre demande, j'ai examiné",
                            "J'ai eu le plaisir de recevoir en consultation",
                            "Vous trouverez ci-dessous le compte rendu concernant"])
        s = "%s %s, %s, %s." % (start, name, details, reason)
    else:
        verb = rng.choice(["a été vu%s en consultation" % e, "a été hospitalisé%s dans le service" % e,
                           "a consulté ce jour"])
        s = "%s, %s, %s %s." % (name, details, verb, reason)
    doc.mark("identity")
    doc.para(s, size, keep=True)
    doc.unmark()


def id_small_labels(doc, I, rng):
    """Labels in small lower-case type, right-aligned to a gutter; values in capitals."""
    size = I.size
    small = max(6.0, size - rng.choice([2, 2.5, 3]))
    italic = rng.random() < 0.5
    left = [(rng.choice(["nom de naissance", "nom de naiss."]), I.birth)]
    if I.used:
        left.append((rng.choice(["nom d'usage", "nom utilisé"]), I.used))
    left.append((rng.choice(["prénoms", "prénom(s)"]), I.first_names(rng, "all").upper()))
    left.append(("sexe", I.sex_text(rng, rng.choice(["word", "person", "letter"])).upper()))
    right = [(rng.choice(["né(e) le", "date de naissance"]),
              I.date(rng, _safe_date_style(I, rng, ["slash", "dot", "dash"])))]
    if I.place:
        right.append((rng.choice(["lieu de naissance", "commune de naissance"]), _place_insee(I, rng, upper=True)))
    if I.ins:
        right.append((rng.choice(["matricule INS", "INS"]), I.ins_text(rng, rng.choice(["grouped", "plain",
                                                                                       "dots", "cle"]))))
        if I.oid:
            right.append(("OID", M.TEST_OID))
    bold = rng.random() < 0.6
    width = doc.right - doc.left
    half = width / 2

    def col_width(rows, sz):
        return max(doc.sw(lb, small, italic=italic) for lb, _ in rows) + 8 + \
            max(doc.sw(v, sz, bold=bold) for _, v in rows)

    two = col_width(left, size) < half - 10 and col_width(right, size) < half - 6
    columns = [left, right] if two else [left + right]
    if not two:
        size = _fit(doc, [v for _, v in left + right],
                    width - 8 - max(doc.sw(lb, small, italic=italic) for lb, _ in left + right), size, bold=bold)
    lead = doc.lead(size) * rng.choice([1.0, 1.1, 1.2])
    n = max(len(c) for c in columns)
    doc.need(lead * n + 8)
    doc.mark("identity")
    top = doc.y
    for k, rows in enumerate(columns):
        x = doc.left + k * half
        gutter = x + max(doc.sw(lb, small, italic=italic) for lb, _ in rows)
        y = top
        for label, value in rows:
            y += lead * 0.8
            doc.text(gutter, y, label, small, italic=italic, gray=0.4, align="right")
            doc.text(gutter + 8, y, value, size, bold=bold)
            y += lead * 0.2
    doc.y = top + lead * n
    doc.unmark()
    doc.gap(size)


def id_compact_lines(doc, I, rng):
    """A name line with sex and age, then the birth and the INS packed on one or two lines."""
    size = I.size
    sep = rng.choice(["  ·  ", "  •  ", "  –  "])
    given = I.first_names(rng, rng.choice(["all", "first", "all"]))
    line1 = _name_paren(I, given)
    sex = I.sex_text(rng, "letter")
    line1 += sep + rng.choice(["%s, %s", "%s - %s", "Sexe %s, %s"]) % (sex, _age(I))
    parts = ["%s%s" % (rng.choice(["DN : ", "Né(e) le ", "Naiss. "]),
                       I.date(rng, _safe_date_style(I, rng, ["dot", "slash", "dash", "short-dash"])))]
    if I.place:
        parts.append(rng.choice(["à ", "LN : ", "Lieu : "]) + _place_insee(I, rng))
    tail = []
    if I.ins:
        tail.append(rng.choice(["INS ", "INS : ", "Matr. INS "]) + I.ins_text(rng))
        if I.oid:
            tail.append("OID " + M.TEST_OID)
    if I.ipp and rng.random() < 0.5:
        tail.append("IPP " + I.ipp)
        I.uses.add("ipp")
    lines = [(line1, True)]
    joined = sep.join(parts + tail)
    if doc.sw(joined, size) <= doc.right - doc.left:
        lines.append((joined, False))
    else:
        lines.append((sep.join(parts), False))
        if tail:
            lines.append((sep.join(tail), False))
    doc.need(doc.lead(size) * (len(lines) + 2))
    doc.mark("identity")
    for text, bold in lines:
        doc.para(text, size, bold=bold, after=0)
    doc.unmark()
    doc.gap(size)


def id_ins_traits(doc, I, rng):
    """The reference traits in the order of the INS service, INS first, behind a side rule."""
    size = I.size
    heading = rng.choice(["Traits d'identité (référentiel INS)", "Identité de référence", "Traits stricts",
                          "IDENTITÉ INS"])
    rows = []
    if I.ins:
        rows.append(("Matricule INS", I.ins_text(rng, rng.choice(["plain", "grouped", "grouped-key"]))))
        if I.oid:
            rows.append(("OID", M.TEST_OID))
    rows.append(("Nom de naissance", I.birth))
    rows.append((rng.choice(["Prénom(s) de naissance", "Prénoms de naissance", "Liste des prénoms"]),
                 I.first_names(rng, rng.choice(["all", "all-comma"]))))
    rows.append(("Date de naissance", I.date(rng, rng.choice(["slash", "slash", "dash"]))))
    rows.append(("Sexe", I.sex_text(rng, rng.choice(["letter", "word"]))))
    if I.place:
        rows.append((rng.choice(["Lieu de naissance (code)", "Code lieu de naissance"]),
                     rng.choice(["%s (%s)", "%s - %s"]) % (I.place, I.place_name)))
    if I.used:
        rows.append(("Nom utilisé", I.used))
    if rng.random() < 0.5:
        rows.append(("Prénom utilisé", I.firsts[0]))
    sep = rng.choice([" : ", " : ", " = "])
    x = doc.left + 9
    width = doc.right - x
    tab = x + width * 0.52
    lines = []
    i = 0
    while i < len(rows):
        a = rows[i][0] + sep + rows[i][1]
        if i + 1 < len(rows) and doc.sw(a, size) < tab - x - 14 and \
                doc.sw(rows[i + 1][0] + sep + rows[i + 1][1], size) < doc.right - tab and rng.random() < 0.8:
            lines.append((rows[i], rows[i + 1]))
            i += 2
        else:
            lines.append((rows[i], None))
            i += 1
    size = _fit(doc, [r[0] + sep + r[1] for ln in lines for r in ln if r], width, size)
    lead = doc.lead(size)
    hsize = max(6.5, size - 1)
    doc.need(lead * (len(lines) + 1.5) + 8)
    doc.mark("identity")
    top = doc.y
    doc.y += lead * 0.8
    doc.text(x, doc.y, heading, hsize, bold=True, gray=0.3)
    doc.y += lead * 0.35
    bold_value = rng.random() < 0.5
    for a, b in lines:
        doc.y += lead * 0.8
        for row, xx in ((a, x), (b, tab)):
            if row:
                w = doc.text(xx, doc.y, row[0] + sep, size)
                doc.text(xx + w, doc.y, row[1], size, bold=bold_value)
        doc.y += lead * 0.2
    doc.vline(doc.left + 2, top + 2, doc.y + 2, rng.choice([1.5, 2.5]))
    doc.unmark()
    doc.gap(size)


def id_centred(doc, I, rng):
    """A word-processor letter: the patient centred under the title, the name underlined."""
    size = min(12, I.size + rng.choice([0, 0.5, 1]))
    f = I.sex == "F"
    civ = I.civ(rng, rng.choice(["long", "short", "long"]))
    given = I.first_names(rng, rng.choice(["first", "all"]))
    prefix = rng.choice(["", "", "Concerne : ", "Patiente : " if f else "Patient : ", "Réf. patient : "])
    if rng.random() < 0.5:
        name = "%s %s %s" % (civ, given, I.used or I.birth) + (" %s %s" % (I.born(), I.birth) if I.used else "")
    else:
        name = "%s %s" % (civ, _name_paren(I, given))
    second = "%s le %s" % (I.born().capitalize(), I.date(rng, rng.choice(["words", "slash"])))
    if I.place:
        second += " à " + _place_insee(I, rng)
    if rng.random() < 0.6:
        second += rng.choice([" - sexe : %s", ", sexe %s"]) % I.sex_text(rng, rng.choice(["word", "lower"]))
    third = None
    if I.ins:
        third = rng.choice(["N° INS : ", "Matricule INS : ", "INS : "]) + I.ins_text(rng)
        if I.oid:
            third += rng.choice([" - OID : %s", " (OID %s)"]) % M.TEST_OID
    mid = (doc.left + doc.right) / 2
    width = doc.right - doc.left
    blocks = [(prefix + name, size, True)] + [(t, size - 0.5, False) for t in (second, third) if t]
    lines = [(part, sz, b) for t, sz, b in blocks for part in doc.wrap(t, width, sz, b)]
    lead = doc.lead(size)
    doc.need(lead * (len(lines) + 1) + 6)
    doc.mark("identity")
    underline = rng.random() < 0.6
    for k, (t, sz, b) in enumerate(lines):
        doc.y += lead * 0.8
        w = doc.text(mid, doc.y, t, sz, bold=b, align="centre")
        if b and underline:
            doc.hline(mid - w / 2, mid + w / 2, doc.y + 2, 0.6)
        doc.y += lead * 0.2 + (2 if b else 0)
    doc.unmark()
    doc.gap(size)


def id_footer_box(doc, I, rng):
    """A framed identity strip above the page footer, cells on tab stops."""
    size = rng.choice([6.5, 7, 7.5])
    given = I.first_names(rng, rng.choice(["all", "first"]))
    cells = [(rng.choice(["Patient", "Patient(e)", "Identité"]), _name_paren(I, given))]
    cells.append((rng.choice(["Né(e) le", "DDN"]), I.date(rng, "slash")))
    cells.append(("Sexe", I.sex_text(rng, "letter")))
    if I.place:
        cells.append((rng.choice(["Lieu naiss.", "Lieu de naissance"]), _place_insee(I, rng)))
    if I.ins:
        cells.append((rng.choice(["INS", "Matricule INS"]), I.ins_text(rng, rng.choice(["grouped", "plain"]))))
        if I.oid:
            cells.append(("OID", M.TEST_OID))
    sep = rng.choice([" : ", ": "])
    x0 = doc.left + 4
    width = doc.right - doc.left - 8
    slot = width / 3

    def pack(sz):
        rows, cur, used = [], [], 0
        for label, value in cells:
            w = doc.sw(label + sep, sz, italic=True) + doc.sw(value, sz, bold=True) + 8
            k = 1 if w <= slot else 2 if w <= 2 * slot else 3
            if used + k > 3:
                rows.append(cur)
                cur, used = [], 0
            cur.append((label, value, used))
            used += k
        rows.append(cur)
        return rows

    rows = pack(size)
    while len(rows) > 3 and size > 6:
        size -= 0.5
        rows = pack(size)
    lead = size * 1.3
    h = lead * len(rows) + 5

    def foot(d):
        top = M.H - 58 - h
        if d.page == 1:
            d.mark("identity")
        d.rect(d.left, top, d.right - d.left, h, lw=0.5)
        y = top + 2
        for row in rows:
            y += lead * 0.85
            for label, value, k in row:
                x = x0 + k * slot
                w = d.text(x, y, label + sep, size, italic=True, gray=0.35)
                d.text(x + w, y, value, size, bold=True)
            y += lead * 0.15
        d.unmark()

    doc.page_end.insert(0, foot)


def id_top_right_box(doc, I, rng):
    """A framed box opposite the letterhead, with a small caption."""
    size = max(7.5, I.size - 1)
    caption = rng.choice(["IDENTIFICATION DU PATIENT", "Patient(e)", "PATIENT", "Identité patient"])
    civ = I.civ(rng, rng.choice(["short", "long", "upper"]))
    given = I.first_names(rng, rng.choice(["all", "first"]))
    lines = [(civ + " " + _name_paren(I, given), True)]
    lines.append(("%s %s (%s)%s" % (rng.choice(["Né(e) le", I.born().capitalize() + " le"]),
                                      I.date(rng, _safe_date_style(I, rng, ["slash", "dot", "short-slash"])),
                                      _age(I),
                                        rng.choice([" - Sexe : ", "  Sexe "]) + I.sex_text(rng, "letter")), False))
    if I.place:
        lines.append((rng.choice(["Né(e) à ", "Lieu de naissance : "]) + _place_insee(I, rng), False))
    if I.ins:
        lines.append((rng.choice(["INS : ", "Matricule INS : "]) + I.ins_text(rng, rng.choice(["grouped", "plain",
                                                                                              "key-sep"])), False))
        if I.oid:
            lines.append(("OID : " + M.TEST_OID, False))
    if I.nda and rng.random() < 0.5:
        lines.append(("N° de venue : " + I.nda, False))
        I.uses.add("nda")
    W = M.W
    room = W - 30 - (W / 2 + 8) - 12
    size = _fit(doc, [t for t, _ in lines], room, size, bold=True, floor=7)
    wrapped = [(part, b) for t, b in lines for part in doc.wrap(t, room, size, b)]
    small = max(6, size - 1.5)
    lead = doc.lead(size)
    widest = max(max(doc.sw(t, size, bold=b) for t, b in wrapped), doc.sw(caption, small, bold=True))
    x = max(W / 2 + 8, W - 30 - widest - 12)
    top = rng.choice([32, 40, 48])
    h = lead * len(wrapped) + small + 10
    doc.mark("identity")
    doc.rect(x, top, W - 30 - x, h, lw=rng.choice([0.5, 0.8]))
    y = top + small + 2
    doc.text(x + 6, y, caption, small, bold=True, gray=0.35)
    y += 2
    for t, b in wrapped:
        y += lead * 0.8
        doc.text(x + 6, y, t, size, bold=b)
        y += lead * 0.2
    doc.unmark()
    return top + h + 4


def id_panels(doc, I, rng):
    """Two framed panels side by side (civil status, birth), the INS on a full-width row under them."""
    size = I.size
    gap = 10
    width = doc.right - doc.left
    pw = (width - gap) / 2
    labels = _labels(I)
    sep = " : "
    left = [(_pick(rng, labels, "birth_name"), I.birth)]
    if I.used:
        left.append((_pick(rng, labels, "used_name"), I.used))
    left.append((_pick(rng, labels, "first_names"), I.first_names(rng, "all")))
    left.append((_pick(rng, labels, "sex"), I.sex_text(rng, rng.choice(["word", "person"]))))
    right = [(_pick(rng, labels, "birth_date"), I.date(rng)), ("Âge", _age(I))]
    if I.place:
        right.append(("Pays" if I.abroad else rng.choice(["Commune", "Lieu", "Commune / pays"]), I.place_name))
        right.append((rng.choice(["Code INSEE", "Code COG", "Code lieu"]), I.place))
    titles = rng.choice([("État civil", "Naissance"), ("IDENTITÉ", "NAISSANCE"), ("Patient", "Naissance")])
    lead = doc.lead(size)

    def lines_of(rows):
        out = []
        for label, value in rows:
            out += doc.wrap(label + sep + value, pw - 12, size)
        return out

    lp, rp = lines_of(left), lines_of(right)
    bottom_rows = []
    if I.ins:
        t = rng.choice(["Identifiant national de santé (INS)", "Matricule INS", "INS"]) + sep + I.ins_text(rng)
        if I.oid:
            t += "    OID" + sep + M.TEST_OID
        bottom_rows = doc.wrap(t, width - 12, size, bold=True)
    tb = lead * 1.2
    ph = tb + lead * max(len(lp), len(rp)) + 6
    total = ph + (lead * len(bottom_rows) + 8 if bottom_rows else 0)
    doc.need(total + 8)
    doc.mark("identity")
    top = doc.y
    for k, (title, ls) in enumerate(((titles[0], lp), (titles[1], rp))):
        x = doc.left + k * (pw + gap)
        doc.rect(x, top, pw, ph, lw=0.6)
        doc.rect(x, top, pw, tb, lw=0.6, fill=0.9)
        doc.text(x + 6, top + tb - 4, title, max(6.5, size - 1), bold=True)
        y = top + tb + 2
        for t in ls:
            y += lead * 0.8
            doc.text(x + 6, y, t, size)
            y += lead * 0.2
    y = top + ph + 4
    if bottom_rows:
        doc.rect(doc.left, y, width, lead * len(bottom_rows) + 4, lw=0.6)
        y += 1
        for t in bottom_rows:
            y += lead * 0.8
            doc.text(doc.left + 6, y, t, size, bold=True)
            y += lead * 0.2
        y += 3
    doc.y = y
    doc.unmark()
    doc.gap(size)


IDENTITY_FAMILIES = {
    "c-id-a": (id_frame_band, "band"),
    "c-id-b": (id_columns_table, "flow"),
    "c-id-c": (id_running_sentence, "body"),
    "c-id-d": (id_small_labels, "flow"),
    "c-id-e": (id_compact_lines, "flow"),
    "c-id-f": (id_ins_traits, "flow"),
    "c-id-g": (id_centred, "flow"),
    "c-id-h": (id_footer_box, "footer"),
    "c-id-i": (id_top_right_box, "top-right"),
    "c-id-j": (id_panels, "flow"),
}


# ---------------------------------------------------------------------------------------------
# Addressee


def _rec_name(p, rng, form):
    """(text, given form) of a recipient's name in the spellings these families use."""
    f = p.sex == "F"
    pr = p.title == "PR"
    word = ("Professeure" if f else "Professeur") if pr else ("Docteure" if f else "Docteur")
    short = "Pr" if pr else "Dr"
    if form == "word-given-family":
        return "%s %s %s" % (word, p.given, p.family), "full"
    if form == "caps":
        return ("%s %s %s" % (word, p.given, p.family)).upper(), "full"
    if form == "dot-family-given":
        return "%s. %s %s" % (short, p.family, p.given), "full"
    if form == "civ-le":
        return "%s le %s %s %s" % ("Mme" if f else "M.", short, p.given, p.family), "full"
    if form == "family-initials":
        return "%s %s %s" % (short, p.family, M.initials(p.given)), "initial"
    if form == "bare":
        return "%s %s" % (p.family, p.given), "full"
    if form == "paren-title":
        return "%s %s (%s)" % (p.family, p.given, short), "full"
    raise ValueError(form)


def _specialty_line(p, rng):
    if p.spec is None:
        return p.profession[1]
    if p.spec[0] == M.GP:
        return rng.choice(["Médecine générale", "Médecin généraliste", "Médecin généraliste"])
    return rng.choice([rng.choice(p.spec[2]), "Spécialiste en " + M.lower_service(p.spec[3])])


def _site_line(p, rng):
    return p.site.title().replace("De ", "de ").replace("D'", "d'").replace("Du ", "du ") \
        if rng.random() < 0.5 else p.site


def _block(doc, x, top, items, right_limit=None, min_x=None):
    """Draws lines (text, size, bold, italic, gray) from `top`; the block moves left (not past
    `min_x`), shrinks a little, then wraps to stay left of `right_limit`. Returns the bottom."""
    right_limit = right_limit or M.W - 30
    smallest = min(sz for _, sz, _, _, _ in items)

    def widest(sc):
        return max(doc.sw(t, sz - sc, bold=b, italic=i) for t, sz, b, i, _ in items)

    if min_x is not None and x + widest(0) > right_limit:
        x = max(min_x, right_limit - widest(0))
    scale = 0
    while x + widest(scale) > right_limit and scale < 2.5 and smallest - scale > 7:
        scale += 0.5
    y = top
    for t, sz, b, i, g in items:
        sz -= scale
        lead = doc.lead(sz)
        for part in doc.wrap(t, right_limit - x, sz, b, i):
            y += lead * 0.8
            doc.text(x, y, part, sz, bold=b, italic=i, gray=g)
            y += lead * 0.2
    return y + 4


def _win_top(doc, rng):
    return max(rng.choice([138, 146, 156, 164]), getattr(doc, "header_bottom", 0) + 8)


def ad_titled_window(doc, L, rng):
    """Right window: titles spelt out or dotted, a specialty line, sometimes the phone."""
    p = L.to
    form = rng.choice(["word-given-family", "dot-family-given", "civ-le", "family-initials", "caps"])
    name, gf = _rec_name(p, rng, form)
    size = min(doc.size + rng.choice([0, 0.5]), 11.5)
    items = [(name, size, rng.random() < 0.5, False, 0)]
    if p.salaried:
        items.append((M.service_of(p.service), size, False, False, 0))
        items.append((_site_line(p, rng), size, False, False, 0))
    elif rng.random() < 0.8:
        items.append((_specialty_line(p, rng), size, False, rng.random() < 0.4, 0))
    city = M.city_text(p, rng)
    items.append((p.street_line(), size, False, False, 0))
    items.append(("%s %s" % (p.postcode, city), size, False, False, 0))
    if rng.random() < 0.35:
        items.append(("Tél. " + M.phone_text(p.phone, rng), size - 1, False, False, 0))
    L.mentions.add(p, "to", name, gf, city, p.postcode)
    return _block(doc, rng.choice([300, 312, 325]), _win_top(doc, rng), items, min_x=M.W / 2 - 30)


def ad_service_left(doc, L, rng):
    """Left window, the organisation first, a complement line (building, floor)."""
    p = L.to
    form = rng.choice(["word-given-family", "dot-family-given", "civ-le", "family-initials"])
    name, gf = _rec_name(p, rng, form)
    size = min(doc.size, 11)
    if p.salaried:
        org = [rng.choice([M.service_of(p.service), "Unité " + M.de(M.lower_service(p.service)),
                           "Département " + M.de(M.lower_service(p.service))]), _site_line(p, rng)]
        complement = rng.choice(["Bâtiment %s - %s étage" % (rng.choice("ABCDH"), rng.choice(["1er", "2e", "3e"])),
                                 "Secrétariat médical", "Pavillon %s, porte %d" % (rng.choice("ABCD"),
                                                                                   rng.randint(1, 40))])
        lines = [org[0], name, org[1], complement]
    else:
        org = rng.choice(["Cabinet médical", "Cabinet de " + M.lower_service(p.spec[3]) if p.spec else
                          "Cabinet médical", "Maison de santé", "Centre médical"])
        complement = rng.choice(["Résidence Les Pins, bât. %s" % rng.choice("ABC"), "1er étage",
                                 "Centre commercial du Parc", "Entrée par la cour"])
        lines = [org, name, complement]
    city = M.city_text(p, rng)
    lines += [p.street_line(), "%s %s" % (p.postcode, city)]
    L.mentions.add(p, "to", name, gf, city, p.postcode)
    items = [(t, size, t == name and rng.random() < 0.7, False, 0) for t in lines]
    return _block(doc, rng.choice([52, 60, 70]), _win_top(doc, rng), items, right_limit=M.W / 2 - 10)


def _addr_items(p, rng, size, form):
    name, gf = _rec_name(p, rng, form)
    items = [(name, size, True, False, 0)]
    if p.salaried:
        items.append((M.service_of(p.service), size, False, False, 0))
        items.append((_site_line(p, rng), size, False, False, 0))
    elif rng.random() < 0.6:
        items.append((_specialty_line(p, rng), size, False, False, 0))
    city = M.city_text(p, rng)
    items.append((p.street_line(), size, False, False, 0))
    items.append(("%s %s" % (p.postcode, city), size, False, False, 0))
    return items, name, gf, city


def ad_pair(doc, L, rng):
    """Two blocks side by side under the letterhead: the addressee and the first copy."""
    p = L.to
    size = max(8, min(doc.size, 10.5))
    forms = ["word-given-family", "dot-family-given", "family-initials", "civ-le"]
    top = _win_top(doc, rng)
    if not L.copies:
        items, name, gf, city = _addr_items(p, rng, size, rng.choice(forms))
        L.mentions.add(p, "to", name, gf, city, p.postcode)
        items.insert(0, (rng.choice(["Destinataire :", "Adressé à :"]), size - 1.5, True, False, 0.35))
        return _block(doc, rng.choice([310, 320]), top, items, min_x=M.W / 2 - 30)
    q = L.copies[0]
    a_items, name, gf, city = _addr_items(p, rng, size, rng.choice(forms))
    L.mentions.add(p, "to", name, gf, city, p.postcode)
    b_items, qname, qgf, qcity = _addr_items(q, rng, size, rng.choice(forms))
    L.mentions.add(q, "cc", qname, qgf, qcity, q.postcode)
    a_items.insert(0, (rng.choice(["Destinataire :", "Destinataire principal :", "Adressé à :"]), size - 1.5, True,
                       False, 0.35))
    b_items.insert(0, (rng.choice(["Copie à :", "Copie pour information :", "En copie :"]), size - 1.5, True,
                       False, 0.35))
    W = M.W
    xl = rng.choice([48, 56])
    xr = W / 2 + rng.choice([10, 20])
    framed = rng.random() < 0.4
    b1 = _block(doc, xl + (6 if framed else 0), top, a_items, right_limit=W / 2 - 10)
    b2 = _block(doc, xr + (6 if framed else 0), top, b_items, right_limit=W - 34)
    bottom = max(b1, b2)
    if framed:
        doc.rect(xl, top - 2, W / 2 - 4 - xl, bottom - top + 2, lw=0.5)
        doc.rect(xr, top - 2, W - 28 - xr, bottom - top + 2, lw=0.5)
        bottom += 4
    return bottom


def ad_correspondant_line(doc, L, rng):
    """The addressee only in a line of the flow, before the title."""
    p = L.to
    style = rng.choice(["label", "sentence", "label-street"])
    if style == "sentence":
        name, gf = M.prof_name(p, rng, rng.choice(["dr-given-family", "docteur-given-family", "dr-family-given"]))
        city = M.city_text(p, rng, upper=rng.random() < 0.5)
        text = "%s %s, %s à %s." % (rng.choice(["Courrier adressé au", "Lettre destinée au", "Réponse au"]), name,
                                    _specialty_line(p, rng).lower().replace("orl", "ORL"), _nb(city))
        L.mentions.add(p, "to", name, gf, city, None)
    elif style == "label":
        name, gf = _rec_name(p, rng, rng.choice(["dot-family-given", "paren-title", "word-given-family"]))
        city = M.city_text(p, rng)
        text = "%s %s - %s - %s" % (rng.choice(["Correspondant :", "Médecin destinataire :", "Pour :"]), name,
                                    _specialty_line(p, rng), _nb(city))
        L.mentions.add(p, "to", name, gf, city, None)
    else:
        name, gf = _rec_name(p, rng, rng.choice(["paren-title", "dot-family-given", "family-initials"]))
        city = M.city_text(p, rng)
        text = "%s %s, %s, %s %s" % (rng.choice(["Correspondant :", "Médecin destinataire :", "Envoi à :"]), name,
                                     p.street_line(), p.postcode, _nb(city))
        L.mentions.add(p, "to", name, gf, city, p.postcode)
    L.flow_addressee = text
    return None


def ad_captioned(doc, L, rng):
    """Right window under a small caption naming the role ('Médecin traitant :')."""
    p = L.to
    gp = p.spec is not None and p.spec[0] == M.GP
    if gp and rng.random() < 0.7:
        caption = rng.choice(["Médecin traitant :", "Médecin traitant déclaré :", "MÉDECIN TRAITANT"])
    else:
        caption = rng.choice(["Médecin correspondant :", "Correspondant :", "Médecin adresseur :"])
    form = rng.choice(["bare", "bare", "dot-family-given", "paren-title"])
    name, gf = _rec_name(p, rng, form)
    size = min(doc.size + 0.5, 11.5)
    items = [(caption, size - 1.5, False, True, 0.3), (name, size, True, False, 0)]
    if p.salaried:
        items.append((M.service_of(p.service), size, False, False, 0))
        items.append((_site_line(p, rng), size, False, False, 0))
    city = M.city_text(p, rng)
    items.append((p.street_line(), size, False, False, 0))
    items.append(("%s %s" % (p.postcode, city), size, False, False, 0))
    L.mentions.add(p, "to", name, gf, city, p.postcode)
    return _block(doc, rng.choice([305, 318, 330]), _win_top(doc, rng), items, min_x=M.W / 2 - 30)


def ad_postal_caps(doc, L, rng):
    """A mail-merge address to the postal standard: capitals without accents or punctuation."""
    p = L.to
    word = ("PROFESSEUR" if p.title == "PR" else "DOCTEUR") if rng.random() < 0.6 else \
        ("PR" if p.title == "PR" else "DR")
    name = M.insi("%s %s %s" % (word, p.given, p.family))
    lines = [name]
    if p.salaried:
        for t in (M.service_of(p.service), p.site):
            lines += doc.wrap(M.insi(t).replace("'", " "), 210, doc.size)
    elif rng.random() < 0.5:
        lines.append(M.insi(_specialty_line(p, rng)))
    lines.append(M.insi(p.street_line()).replace("'", " "))
    city = M.insi(p.city)
    lines.append("%s %s" % (p.postcode, city))
    L.mentions.add(p, "to", name, "full", city, p.postcode)
    size = min(doc.size, 11)
    items = [(t, size, False, False, 0) for t in lines]
    return _block(doc, rng.choice([300, 315, 328]), _win_top(doc, rng), items, min_x=M.W / 2 - 30)


ADDRESSEE_FAMILIES = {
    "c-ad-a": (ad_titled_window, "right", True),
    "c-ad-b": (ad_service_left, "left", True),
    "c-ad-c": (ad_pair, "both", True),
    "c-ad-d": (ad_correspondant_line, "flow", True),
    "c-ad-e": (ad_captioned, "right", True),
    "c-ad-f": (ad_postal_caps, "right", True),
}


# ---------------------------------------------------------------------------------------------
# Copies


def _join_fr(items):
    if len(items) == 1:
        return items[0]
    return ", ".join(items[:-1]) + " et " + items[-1]


def cp_sentence(doc, L, rng):
    """The copies told in a closing sentence."""
    f = L.ident.sex == "F"
    parts = []
    for p in L.copies:
        name, gf = M.prof_name(p, rng, rng.choice(["dr-given-family", "docteur-given-family", "dr-family-given",
                                                   "dr-initial"]))
        style = rng.choice(["city", "spec-city", "spec", "city"])
        if style == "spec" and p.force_place:
            style = "spec-city"
        city = M.city_text(p, rng, upper=rng.random() < 0.4)
        spec = _specialty_line(p, rng).lower().replace("orl", "ORL")
        if style == "city":
            parts.append("au %s (%s)" % (name, _nb(city)))
        elif style == "spec-city":
            parts.append("au %s, %s à %s" % (name, spec, _nb(city)))
        else:
            parts.append("au %s, %s" % (name, spec))
            city = None
        L.mentions.add(p, "cc", name, gf, city, None)
    if L.copy_patient:
        parts.append("à la patiente" if f else "au patient")
    if not parts:
        return
    lead_in = rng.choice(["Une copie de ce courrier est adressée", "Copie de ce compte rendu est transmise",
                          "J'adresse un double de ce courrier", "Ce courrier est adressé en copie"])
    size = max(7.5, doc.size - rng.choice([0, 0.5]))
    doc.para("%s %s." % (lead_in, _join_fr(parts)), size, keep=True)


def cp_diffusion_table(doc, L, rng):
    """A distribution table: role, name, specialty, town, how it is sent."""
    rows = []
    if L.to is not None and rng.random() < 0.8:
        rows.append(("Destinataire", L.to, "to"))
    for p in L.copies:
        rows.append(("Copie", p, "cc"))
    if not rows and not L.copy_patient:
        return
    cells = []
    for role, p, r in rows:
        name, gf = M.prof_name(p, rng, rng.choice(["dr-family-given", "dr-given-family"]))
        city = M.city_text(p, rng)
        L.mentions.add(p, r, name, gf, city, None)
        mode = "MSSanté" if p.mssante and rng.random() < 0.8 else rng.choice(["Courrier", "Courrier postal"])
        cells.append([role, name, _specialty_line(p, rng), city, mode])
    if L.copy_patient:
        cells.append(["Copie", "Patiente" if L.ident.sex == "F" else "Patient", "-", "-", "Remis en main propre"])
    head = [rng.choice(["Rôle", "Type"]), rng.choice(["Nom", "Professionnel"]), "Spécialité",
            rng.choice(["Ville", "Commune"]), rng.choice(["Envoi", "Mode d'envoi"])]
    size = max(7, doc.size - 1.5)
    width = doc.right - doc.left
    keep = [0, 1, 2, 3, 4]

    def widths(sz):
        return [max(doc.sw(r[i], sz, bold=(j == 0)) for j, r in enumerate([head] + cells)) + 10 for i in keep]

    while sum(widths(size)) > width:
        if size > 6.5:
            size -= 0.5
        elif 4 in keep:
            keep.remove(4)
        elif 2 in keep:
            keep.remove(2)
        else:
            break
    ws = widths(size)
    lead = doc.lead(size) + 2
    doc.need(lead * (len(cells) + 2) + 10)
    doc.gap(4)
    doc.line(rng.choice(["Diffusion", "Liste de diffusion", "Destinataires du document"]), size, bold=True)
    top = doc.y + 2
    total = sum(ws)
    doc.hline(doc.left, doc.left + total, top, 0.8)
    for j, r in enumerate([head] + cells):
        y = top + lead * (j + 1) - 4
        x = doc.left
        for i, w in zip(keep, ws):
            doc.text(x + 3, y, r[i], size, bold=(j == 0))
            x += w
        doc.hline(doc.left, doc.left + total, top + lead * (j + 1), 0.8 if j == 0 else 0.3, 0 if j == 0 else 0.5)
    doc.y = top + lead * (len(cells) + 1) + 6


def cp_top_lines(doc, L, rng):
    """Copies one a line in the right column, under the address, before the title."""
    entries = []
    for p in L.copies:
        name, gf = M.prof_name(p, rng, rng.choice(["dr-given-family", "dr-family-given", "dr-initial"]))
        city = M.city_text(p, rng)
        style = rng.choice(["dash", "paren", "comma-spec"])
        if style == "dash":
            entries.append("%s - %s" % (name, _nb(city)))
        elif style == "paren":
            entries.append("%s (%s)" % (name, _nb(city)))
        else:
            entries.append("%s, %s, %s" % (name, _specialty_line(p, rng).lower().replace("orl", "ORL"), _nb(city)))
        L.mentions.add(p, "cc", name, gf, city, None)
    if L.copy_patient:
        entries.append(rng.choice(["Patient(e)", "Intéressé(e)"]))
    if not entries:
        return
    size = max(7.5, doc.size - 1)
    x = 320 if doc.left < 100 else doc.left
    label = rng.choice(["Copie à :", "En copie :", "Copies adressées à :", "C/C :"])
    lines = [part for e in entries for part in doc.wrap(e, doc.right - x - 10, size)]
    doc.need(doc.lead(size) * (len(lines) + 1) + 4)
    doc.line(label, size, bold=True, x=x)
    for e in entries:
        doc.para(e, size, x=x + 10, after=0)
    doc.gap(size * 0.5)


def cp_patient_only(doc, L, rng):
    if L.copy_patient:
        f = L.ident.sex == "F"
        doc.line(rng.choice(["Double remis à la patiente." if f else "Double remis au patient.",
                             "Un exemplaire de ce document a été remis à l'intéressé%s." % ("e" if f else ""),
                             "Copie remise en main propre."]), max(7.5, doc.size - 1), italic=True)


COPIES_FAMILIES = {
    "c-cp-a": (cp_sentence, True, "end"),
    "c-cp-b": (cp_diffusion_table, True, "end"),
    "c-cp-c": (cp_top_lines, True, "top"),
    "c-cp-d": (cp_patient_only, False, "end"),
}


# ---------------------------------------------------------------------------------------------
# DataMatrix positions

DM_POSITIONS = ["top-right", "footer-right", "top-left", "c-under-letterhead", "c-beside-signature",
                "footer-left"]


def dm_candidates(d, pos, s, W, H):
    if pos == "c-under-letterhead":
        y = getattr(d, "header_bottom", None)
        if not y or d.page != 1:
            return []
        x0 = d.left if d.left < 100 else 45
        return [(x, y + k) for k in (4, 10, 18, 28) for x in (x0, x0 + 50, 200)]
    if pos == "c-beside-signature":
        sig = getattr(d.letter, "sig", None)
        if not sig or sig[0] != d.page:
            return []
        _, y, x = sig
        xs = [d.left, d.left + 40] if x >= 300 else [W - 50 - s, 400]
        return [(xx, y + k) for k in (0, 10, 20) for xx in xs]
    return []

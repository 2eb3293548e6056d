"""Tuning layout families, second set (see make_letters.py).

These were the held-out families until session 28; once their results had been read family by
family they could no longer measure generalisation, so they joined the tuning part and a new
held-out set (heldout_layouts.py) replaced them. They draw from the tuning seed space now.

The families use the helpers of make_letters.py, bound at import time through use().
"""

M = None  # the make_letters module


def use(module):
    global M
    M = module


def fonts(register):
    """The held-out fonts: registered here, used by held-out letters only."""
    lb = "/usr/share/fonts/truetype/liberation2/"
    dv = "/usr/share/fonts/truetype/dejavu/"
    out = []
    if register("LiberationSerif", lb + "LiberationSerif-Regular.ttf", lb + "LiberationSerif-Bold.ttf",
                lb + "LiberationSerif-Italic.ttf"):
        out.append("LiberationSerif")
    if register("LiberationMono", lb + "LiberationMono-Regular.ttf", lb + "LiberationMono-Bold.ttf",
                lb + "LiberationMono-Italic.ttf"):
        out.append("LiberationMono")
    if register("DejaVuSansMono", dv + "DejaVuSansMono.ttf", dv + "DejaVuSansMono-Bold.ttf",
                dv + "DejaVuSansMono-Oblique.ttf"):
        out.append("DejaVuSansMono")
    # Fonts the tuning part uses too, so that the held-out part does not hinge on fonts alone.
    return out + ["Helvetica", "Times", "DejaVuSans"]


def _labels(I):
    birth = ["Nom de naissance", "Patronyme", "Nom patronymique", "NOM DE NAISSANCE"]
    if I.sex == "F":
        birth.append("Nom de jeune fille")
    return {
        "birth_name": birth,
        "used_name": ["Nom d'usage", "Nom marital" if I.sex == "F" else "Nom d'usage", "Nom utilisé", "Nom usuel"],
        "first_names": ["Prénom(s)", "Prénoms (état civil)", "Prénoms", "Prénom(s) de naissance"],
        "first_name": ["Premier prénom", "1er prénom"],
        "birth_date": ["Date naiss.", "Date de naissance", "Naissance", "Né(e) le"],
        "sex": ["Sexe", "Genre", "Sexe (M/F)"],
        "birth_place": ["Lieu de naissance", "Code INSEE de naissance", "Commune de naissance (code)",
                        "Lieu naiss."],
        "ins": ["Identifiant national de santé (INS)", "INS", "Matricule INS", "N° INS (NIR)",
                "Identité nationale de santé"],
        "oid": ["OID", "Autorité d'affectation INS"],
    }


# ---------------------------------------------------------------------------------------------
# Identity


def id_two_pairs(doc, I, rng):
    size = I.size
    rows = I.rows(rng, labels=_labels(I))
    col2 = doc.left + (doc.right - doc.left) * rng.choice([0.45, 0.5, 0.55])
    sep = rng.choice([" : ", " : ", ": "])
    lines = []
    i = 0
    while i < len(rows):
        first = rows[i][1] + sep + rows[i][2]
        if i + 1 < len(rows) and doc.sw(first, size) < col2 - doc.left - 12 and \
                doc.sw(rows[i + 1][1] + sep + rows[i + 1][2], size) < doc.right - col2:
            lines.append((first, rows[i + 1][1] + sep + rows[i + 1][2]))
            i += 2
        else:
            lines.append((first, None))
            i += 1
    lead = doc.lead(size)
    doc.need(lead * len(lines) + 6)
    doc.mark("identity")
    for a, b in lines:
        doc.y += lead * 0.8
        doc.text(doc.left, doc.y, a, size)
        if b:
            doc.text(col2, doc.y, b, size)
        doc.y += lead * 0.2
    doc.unmark()
    doc.gap(size)


def id_caption_below(doc, I, rng):
    size = I.size
    small = max(6.5, size - 2.5)
    rows = [r for r in I.rows(rng, labels=_labels(I)) if r[0] != "oid"]
    per_row = 3 if all(doc.sw(v, size, bold=True) < (doc.right - doc.left) / 3 - 10 for _, _, v in rows) else 2
    cell = (doc.right - doc.left) / per_row
    step = size + small + 12
    nrows = (len(rows) + per_row - 1) // per_row
    doc.need(step * nrows + 8)
    doc.mark("identity")
    for r in range(nrows):
        top = doc.y
        for k, (_, label, value) in enumerate(rows[r * per_row:(r + 1) * per_row]):
            x = doc.left + k * cell
            doc.text(x + 2, top + size, value, size, bold=True)
            doc.hline(x, x + cell - 10, top + size + 3, 0.4)
            doc.text(x + 2, top + size + 4 + small, label, small, italic=True, gray=0.35)
        doc.y = top + step
    doc.unmark()
    if I.ins and I.oid:
        doc.line("(%s)" % M.TEST_OID, small, gray=0.3)
    doc.gap(size * 0.5)


def id_shaded_table(doc, I, rng):
    size = I.size
    rows = I.rows(rng, labels=_labels(I))
    rh = doc.lead(size) + 4
    lw = max(doc.sw(label, size, bold=True) for _, label, _ in rows) + 12
    vw = max(doc.sw(value, size) for _, _, value in rows) + 12
    two = 2 * (lw + vw) <= doc.right - doc.left and rng.random() < 0.6
    per = 2 if two else 1
    nrows = (len(rows) + per - 1) // per
    doc.need(rh * nrows + 10)
    top = doc.y
    doc.mark("identity")
    for r in range(nrows):
        for k, (_, label, value) in enumerate(rows[r * per:(r + 1) * per]):
            x = doc.left + k * (lw + vw)
            y = top + r * rh
            doc.rect(x, y, lw, rh, lw=0.4, fill=0.85)
            doc.rect(x + lw, y, vw, rh, lw=0.4)
            doc.text(x + 4, y + rh - 5, label, size, bold=True)
            doc.text(x + lw + 4, y + rh - 5, value, size)
    doc.unmark()
    doc.y = top + nrows * rh + size


def id_compact(doc, I, rng):
    size = I.size
    civ = I.civ(rng)
    given = I.first_names(rng, rng.choice(["all", "first"]))
    name = "%s %s %s" % (civ, I.birth, given)
    if I.used:
        # Said as the used name: a bare "(MARTIN)" could be either name, and a reader must not guess.
        name += rng.choice([", ép. %s" % I.used, " (usage : %s)" % I.used, " - usage : %s" % I.used])
    parts = [name, I.sex_text(rng, "letter"), I.date(rng, rng.choice(["dot", "slash", "dash"]))]
    if I.place:
        parts.append(rng.choice(["né(e) à %s", "%s"]) % I.place_text(rng, rng.choice(["name-code", "code"])))
    if I.ins:
        parts.append(rng.choice(["INS ", "", "INS-NIR "]) + I.ins_text(rng))
    doc.mark("identity")
    doc.para(rng.choice([" — ", " - ", " / "]).join(parts), size, bold=rng.random() < 0.4, keep=True)
    doc.unmark()


def id_value_then_label(doc, I, rng):
    size = I.size
    lines = ["%s (nom de naissance)" % I.birth]
    if I.used:
        lines.append("%s (%s)" % (I.used, rng.choice(["nom d'usage", "nom utilisé"])))
    lines.append("%s (%s)" % (I.first_names(rng, "all"), "prénoms" if len(I.firsts) > 1 else "prénom"))
    born = "%s le %s" % (I.born(), I.date(rng))
    if I.place:
        born += " à %s (%s)" % (I.place_name, I.place)
    lines.append(born)
    lines.append("sexe %s" % I.sex_text(rng, "lower"))
    if I.ins:
        lines.append("%s (matricule INS%s)" % (I.ins_text(rng), ", OID " + M.TEST_OID if I.oid else ""))
    doc.need(doc.lead(size) * len(lines) + 6)
    doc.mark("identity")
    for ln in lines:
        doc.line(ln, size, x=doc.left + 20)
    doc.unmark()
    doc.gap(size)


def id_header_table(doc, I, rng):
    size = max(8, I.size - 0.5)
    a = doc.letter.author
    left = ["%s %s" % (rng.choice(["Consultation du", "Date de venue :", "Date :"]),
                       M.fr_date("2026-11-%02d" % rng.randint(2, 20), "slash")),
            "Médecin : " + M.prof_name(a, rng, "dr-given-family")[0],
            "Motif : " + rng.choice(["suivi", "bilan", "avis", "contrôle"])]
    right = [(rng.choice(["Patient(e)", "PATIENT", "Identité"]), True),
             (I.person(rng, order="family-first", with_used=rng.choice(["nee", "epouse"]), civ=I.civ(rng)), True),
             ("%s %s" % (I.born_label(rng), I.date(rng)), False), ("Sexe : " + I.sex_text(rng), False)]
    if I.place:
        right.append(("Lieu de naissance : " + I.place_text(rng), False))
    if I.ins:
        right.append(("INS : " + I.ins_text(rng), False))
    lead = doc.lead(size)
    mid = doc.left + (doc.right - doc.left) * 0.45
    left = [part for t in left for part in doc.wrap(t, mid - doc.left - 12, size)]
    right = [(part, b) for t, b in right for part in doc.wrap(t, doc.right - mid - 12, size, bold=b)]
    h = lead * max(len(left), len(right)) + 10
    doc.need(h + 8)
    top = doc.y
    doc.rect(doc.left, top, doc.right - doc.left, h, lw=0.6)
    doc.vline(mid, top, top + h, 0.6)
    y = top + 4
    for t in left:
        y += lead
        doc.text(doc.left + 6, y - lead * 0.2, t, size)
    y = top + 4
    doc.mark("identity")
    for t, b in right:
        y += lead
        doc.text(mid + 6, y - lead * 0.2, t, size, bold=b)
    doc.unmark()
    doc.y = top + h + size


def id_sentence_split(doc, I, rng, reason):
    size = doc.size
    given = I.first_names(rng, "first")
    civ = I.civ(rng, "long")
    s = "%s %s %s, %d ans, est %s" % (civ, given, I.used or I.birth, M.age_on(I.iso), I.born())
    if I.used:
        s += " %s" % I.birth
    s += " le %s" % I.date(rng, "words")
    if I.place:
        s += " à %s (code %s)" % (I.place_name, I.place)
    s += ". Elle est vue " if I.sex == "F" else ". Il est vu "
    s += reason + "."
    doc.mark("identity")
    doc.para(s, size, keep=True)
    if I.ins:
        doc.para("Son identifiant national de santé (INS) est le %s%s." % (
            I.ins_text(rng), " (OID %s)" % M.TEST_OID if I.oid else ""), size)
    doc.unmark()


IDENTITY_FAMILIES = {
    "two-pairs": (id_two_pairs, "flow"),
    "caption-below": (id_caption_below, "flow"),
    "shaded-table": (id_shaded_table, "flow"),
    "compact": (id_compact, "flow"),
    "value-then-label": (id_value_then_label, "flow"),
    "header-table": (id_header_table, "flow"),
    "sentence-split": (id_sentence_split, "body"),
}


# ---------------------------------------------------------------------------------------------
# Addressee and copies


def ad_envoi_table(doc, L, rng):
    p, a = L.to, L.author
    size = max(8, doc.size - 0.5)
    lines_r, name, gf, city, pc = M.address_lines(p, rng, place=True)
    L.mentions.add(p, "to", name, gf, city, pc)
    lines_l = [M.prof_name(a, rng, "dr-given-family")[0], M.service_of(a.service), L.hospital["short"]]
    lead = doc.lead(size)
    top = max(rng.choice([140, 150]), getattr(doc, "header_bottom", 0) + 8)
    h = lead * (max(len(lines_l), len(lines_r)) + 1) + 10
    x0, mid, x1 = 45, M.W / 2 - 5, M.W - 45
    doc.rect(x0, top, mid - x0 - 5, h, lw=0.6)
    doc.rect(mid + 5, top, x1 - mid - 5, h, lw=0.6)
    doc.text(x0 + 6, top + lead, rng.choice(["Expéditeur", "De :", "EXPÉDITEUR"]), size, bold=True)
    doc.text(mid + 11, top + lead, rng.choice(["Destinataire", "À :", "DESTINATAIRE"]), size, bold=True)
    for k, t in enumerate(lines_l):
        doc.text(x0 + 6, top + lead * (k + 2), t, size)
    for k, t in enumerate(lines_r):
        doc.text(mid + 11, top + lead * (k + 2), t, size)
    return top + h + 4


def ad_inline_specialty(doc, L, rng):
    p = L.to
    name, gf = M.prof_name(p, rng)
    spec = rng.choice(p.spec[2]) if p.spec else p.profession[1]
    city = M.city_text(p, rng)
    pc_line = rng.choice(["%s - %s", "F-%s %s", "%s %s"]) % (p.postcode, city)
    lines = ["%s - %s" % (name, spec), p.street_line(), pc_line]
    if p.salaried:
        lines.insert(1, p.site)
    L.mentions.add(p, "to", name, gf, city, p.postcode)
    return M._window(doc, L, rng, rng.choice([320, 330]), lines)


def ad_split_title(doc, L, rng):
    p = L.to
    f = p.sex == "F"
    word = "Professeur" if p.title == "PR" else "Docteur"
    first = "%s le %s" % ("Madame" if f else "Monsieur", word)
    order = rng.random() < 0.5
    second = "%s %s" % ((p.family, p.given) if order else (p.given, p.family))
    city = M.city_text(p, rng)
    lines = [first, second]
    if rng.random() < 0.5:
        lines.append(rng.choice(p.spec[2]) if p.spec else p.profession[1])
    lines += [p.street_line(), "%s %s" % (p.postcode, city)]
    L.mentions.add(p, "to", "%s %s" % (first, second), "full", city, p.postcode)
    return M._window(doc, L, rng, rng.choice([320, 335]), lines)


def ad_hand_delivered(doc, L, rng):
    I = L.ident
    civ = I.civ(rng, "long")
    L.flow_addressee = rng.choice(["Document remis en main propre à %s %s %s.", "Remis au patient : %s %s %s",
                                   "À l'intention de %s %s %s"]) % (civ, I.firsts[0], I.used or I.birth)
    L.addressed_to_patient = True
    L.salutation = civ + ","
    return None


ADDRESSEE_FAMILIES = {
    "hand-delivered": (ad_hand_delivered, "flow", False),
    "envoi-table": (ad_envoi_table, "both", True),
    "inline-specialty": (ad_inline_specialty, "right", True),
    "split-title": (ad_split_title, "right", True),
}


def _entries(L, rng, form=None):
    out = []
    for p in L.copies:
        name, gf = M.prof_name(p, rng, form or rng.choice(["dr-initial", "dr-given-family", "dr-family-given"]))
        city = M.city_text(p, rng, upper=False)
        L.mentions.add(p, "cc", name, gf, city, None)
        out.append("%s, %s" % (name, city))
    return out


def cp_ampliation(doc, L, rng):
    entries = _entries(L, rng)
    if L.copy_patient:
        entries.append(rng.choice(["Patient(e)", "l'intéressé(e)"]))
    if not entries:
        return
    size = max(7.5, doc.size - 1)
    doc.need(doc.lead(size) * (len(entries) + 1))
    doc.line(rng.choice(["Ampliation :", "Double à :", "Copie transmise à :"]), size, italic=True)
    for e in entries:
        doc.line(e, size, x=doc.left + 25)


def cp_top(doc, L, rng):
    entries = _entries(L, rng, rng.choice(["dr-given-family", "docteur-family-given"]))
    if L.copy_patient:
        entries.append("patient")
    if entries:
        doc.para(rng.choice(["Copies : ", "Copie : ", "c.c. : "]) + ", ".join(entries),
                 max(7.5, doc.size - 1.5), x=doc.left if doc.left > 100 else 320, after=2)


def cp_beside_signature(doc, L, rng):
    entries = _entries(L, rng)
    if L.copy_patient:
        entries.append("Patient")
    if not entries:
        return
    size = max(7.5, doc.size - 1)
    lead = doc.lead(size)
    page, top, x = L.sig
    if page == doc.page and x >= 300 and top + lead * (len(entries) + 1) < doc.st.bottom:
        y = top
        y += lead
        doc.text(doc.left, y, "Copies :", size, bold=True)
        for e in entries:
            y += lead
            doc.text(doc.left + 6, y, e, size)
        doc.y = max(doc.y, y + size)
    else:
        doc.line("Copies :", size, bold=True)
        for e in entries:
            doc.line(e, size, x=doc.left + 6)


COPIES_FAMILIES = {
    "ampliation": (cp_ampliation, True, "end"),
    "top-copies": (cp_top, True, "top"),
    "beside-signature": (cp_beside_signature, True, "end"),
}


# ---------------------------------------------------------------------------------------------
# DataMatrix positions

DM_POSITIONS = ["top-right", "top-left", "below-window", "bottom-centre", "below-window"]


def dm_candidates(d, pos, s, W, H):
    if pos == "below-window":
        y = getattr(d, "win_bottom", None)
        if not y:
            return []
        return [(x, y + k) for k in (6, 14, 24) for x in (330, 360, 400)]
    if pos == "bottom-centre":
        return [(W / 2 - s / 2, H - 30 - s - 12 - k * 8) for k in range(6)]
    return []

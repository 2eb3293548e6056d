<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US" sourcelanguage="fr_FR">
<context>
    <name>QObject</name>
    <message>
        <source>Nom utilisé : %1</source>
        <translation>Used name: %1</translation>
    </message>
    <message>
        <source>DataMatrix</source>
        <translation>DataMatrix</translation>
    </message>
    <message>
        <source>INS : non retenu</source>
        <translation>INS: not retained</translation>
    </message>
    <message>
        <source>MSSanté</source>
        <translation>MSSanté</translation>
    </message>
    <message>
        <source>DMP</source>
        <translation>DMP</translation>
    </message>
    <message>
        <source>Courrier</source>
        <translation>Post</translation>
    </message>
    <message>
        <source>Ouvrir Missive</source>
        <translation>Open Missive</translation>
    </message>
    <message>
        <source>Quitter</source>
        <translation>Quit</translation>
    </message>
    <message>
        <source>Lecture du courrier…</source>
        <translation>Reading the letter…</translation>
    </message>
    <message>
        <source>Lecture du courrier « %1 » (reconnaissance du texte)…</source>
        <translation>Reading the letter “%1” (text recognition)…</translation>
    </message>
    <message>
        <source>Identité qualifiée</source>
        <translation>Qualified identity</translation>
    </message>
    <message>
        <source>Identité à vérifier</source>
        <translation>Identity to verify</translation>
    </message>
    <message>
        <source>Identité provisoire</source>
        <translation>Provisional identity</translation>
    </message>
    <message>
        <source>féminin</source>
        <translation>female</translation>
    </message>
    <message>
        <source>masculin</source>
        <translation>male</translation>
    </message>
    <message>
        <source>Né(e) le %1, sexe %2, lieu de naissance (code INSEE) %3</source>
        <translation>Born %1, sex %2, birthplace (INSEE code) %3</translation>
    </message>
    <message>
        <source>courrier et DataMatrix</source>
        <translation>letter and DataMatrix</translation>
    </message>
    <message>
        <source>courrier</source>
        <translation>letter</translation>
    </message>
    <message>
        <source>INS : %1 (lu sur : %2)</source>
        <translation>INS: %1 (read from: %2)</translation>
    </message>
    <message>
        <source>%1 — courrier : %2 ; DataMatrix : %3</source>
        <translation>%1 — letter: %2; DataMatrix: %3</translation>
    </message>
    <message>
        <source>Nom de naissance</source>
        <translation>Birth name</translation>
    </message>
    <message>
        <source>Premier prénom</source>
        <translation>First given name</translation>
    </message>
    <message>
        <source>Date de naissance</source>
        <translation>Date of birth</translation>
    </message>
    <message>
        <source>Sexe</source>
        <translation>Sex</translation>
    </message>
    <message>
        <source>Lieu de naissance</source>
        <translation>Birthplace</translation>
    </message>
</context>
<context>
    <name>missive::engine</name>
    <message>
        <source>fenêtre d&apos;adresse</source>
        <translation>address window</translation>
    </message>
    <message>
        <source>liste des copies</source>
        <translation>copy list</translation>
    </message>
    <message>
        <source>liste des destinataires</source>
        <translation>recipient list</translation>
    </message>
    <message>
        <source>formule d&apos;appel</source>
        <translation>salutation</translation>
    </message>
    <message>
        <source>cité dans le texte</source>
        <translation>named in the text</translation>
    </message>
    <message>
        <source>signature</source>
        <translation>signature</translation>
    </message>
    <message>
        <source>liste du service</source>
        <translation>department list</translation>
    </message>
    <message>
        <source>lu sur le courrier</source>
        <translation>read on the letter</translation>
    </message>
    <message>
        <source>seul professionnel de l&apos;annuaire qui corresponde</source>
        <translation>the only professional in the directory who matches</translation>
    </message>
    <message>
        <source>inconnu de l&apos;annuaire</source>
        <translation>not in the directory</translation>
    </message>
    <message>
        <source>homonyme ailleurs (lieu imprimé différent) : à vérifier</source>
        <translation>namesake elsewhere (different printed place): to check</translation>
    </message>
    <message>
        <source>%1 homonymes possibles : à choisir</source>
        <translation>%1 possible namesakes: to choose</translation>
    </message>
    <message>
        <source>ce que le courrier imprime ne suffit pas à le reconnaître : à confirmer</source>
        <translation>what the letter prints is not enough to recognise them: to confirm</translation>
    </message>
    <message>
        <source>aucun canal</source>
        <translation>no channel</translation>
    </message>
    <message>
        <source>MSSanté : %1</source>
        <translation>MSSanté: %1</translation>
    </message>
    <message>
        <source>Courrier : %1</source>
        <translation>Post: %1</translation>
    </message>
    <message>
        <source>ne pas envoyer (préférence)</source>
        <translation>do not send (preference)</translation>
    </message>
    <message>
        <source>à choisir</source>
        <translation>to choose</translation>
    </message>
    <message>
        <source>règle du type de document</source>
        <translation>document type rule</translation>
    </message>
    <message>
        <source>professionnel inconnu de l&apos;annuaire : %1</source>
        <translation>professional not in the directory: %1</translation>
    </message>
    <message>
        <source>aucune identité à confirmer pour ce courrier</source>
        <translation>no identity to confirm for this letter</translation>
    </message>
    <message>
        <source>identité du DataMatrix incomplète : confirmation impossible</source>
        <translation>DataMatrix identity incomplete: cannot confirm</translation>
    </message>
    <message>
        <source>ajouté par vous</source>
        <translation>added by you</translation>
    </message>
    <message>
        <source>adresse saisie par vous</source>
        <translation>address typed by you</translation>
    </message>
    <message>
        <source>le nom du destinataire est obligatoire</source>
        <translation>the recipient&apos;s name is required</translation>
    </message>
    <message>
        <source>indiquez une adresse postale ou une adresse MSSanté</source>
        <translation>give a postal address or an MSSanté address</translation>
    </message>
    <message>
        <source>adresse MSSanté invalide : %1</source>
        <translation>invalid MSSanté address: %1</translation>
    </message>
    <message>
        <source>la dernière ligne de l&apos;adresse doit être « code postal ville »</source>
        <translation>the address&apos;s last line must be “postcode town”</translation>
    </message>
    <message>
        <source>ajout à l&apos;annuaire non relu</source>
        <translation>directory addition not read back</translation>
    </message>
    <message>
        <source>ajouté à l&apos;annuaire par le secrétariat</source>
        <translation>added to the directory by the secretariat</translation>
    </message>
    <message>
        <source>DMP du patient</source>
        <translation>patient&apos;s DMP</translation>
    </message>
    <message>
        <source>courrier postal</source>
        <translation>post</translation>
    </message>
    <message>
        <source>messagerie du patient</source>
        <translation>patient&apos;s mailbox</translation>
    </message>
    <message>
        <source>en attente</source>
        <translation>waiting</translation>
    </message>
    <message>
        <source>envoi en cours</source>
        <translation>sending</translation>
    </message>
    <message>
        <source>envoyé</source>
        <translation>sent</translation>
    </message>
    <message>
        <source>échec</source>
        <translation>failed</translation>
    </message>
    <message>
        <source>annulé</source>
        <translation>cancelled</translation>
    </message>
</context>
<context>
    <name>missive::gui::CandidateChooser</name>
    <message>
        <source>Choisir le professionnel</source>
        <translation>Choose the professional</translation>
    </message>
    <message>
        <source>Lu sur le courrier : « %1 ». Plusieurs professionnels peuvent correspondre ; choisissez celui à qui le courrier est adressé.</source>
        <translation>Read on the letter: “%1”. Several professionals may match; choose the one the letter is addressed to.</translation>
    </message>
    <message>
        <source>Professionnels possibles</source>
        <translation>Possible professionals</translation>
    </message>
    <message>
        <source>%1 · RPPS %2</source>
        <translation>%1 · RPPS %2</translation>
    </message>
    <message>
        <source>aucun canal</source>
        <translation>no channel</translation>
    </message>
    <message>
        <source>Ne correspond pas au lieu imprimé sur le courrier</source>
        <translation>Does not match the place printed on the letter</translation>
    </message>
    <message>
        <source>&amp;Choisir</source>
        <translation>&amp;Choose</translation>
    </message>
    <message>
        <source>&amp;Annuler</source>
        <translation>&amp;Cancel</translation>
    </message>
</context>
<context>
    <name>missive::gui::ConfirmationDialog</name>
    <message>
        <source>Missive — envoi du courrier</source>
        <translation>Missive — send letter</translation>
    </message>
    <message>
        <source>Aperçu de la page</source>
        <translation>Page preview</translation>
    </message>
    <message>
        <source>Page affichée</source>
        <translation>Displayed page</translation>
    </message>
    <message>
        <source>Page </source>
        <translation>Page </translation>
    </message>
    <message>
        <source>Réduire l&apos;aperçu</source>
        <translation>Zoom out of the preview</translation>
    </message>
    <message>
        <source>Réduire (Ctrl+-)</source>
        <translation>Zoom out (Ctrl+-)</translation>
    </message>
    <message>
        <source>Agrandir l&apos;aperçu</source>
        <translation>Zoom into the preview</translation>
    </message>
    <message>
        <source>Agrandir (Ctrl++)</source>
        <translation>Zoom in (Ctrl++)</translation>
    </message>
    <message>
        <source>Miniatures des pages</source>
        <translation>Page thumbnails</translation>
    </message>
    <message>
        <source>Identité du patient</source>
        <translation>Patient identity</translation>
    </message>
    <message>
        <source>Alerte d&apos;identité</source>
        <translation>Identity alert</translation>
    </message>
    <message>
        <source>Identité non vérifiée : DMP et messagerie du patient indisponibles.</source>
        <translation>Identity not verified: DMP and patient&apos;s mailbox unavailable.</translation>
    </message>
    <message>
        <source>Type de document</source>
        <translation>Document type</translation>
    </message>
    <message>
        <source>Destinataires proposés</source>
        <translation>Suggested recipients</translation>
    </message>
    <message>
        <source>Lu sur le courrier</source>
        <translation>Read on the letter</translation>
    </message>
    <message>
        <source>Professionnel</source>
        <translation>Professional</translation>
    </message>
    <message>
        <source>Canal</source>
        <translation>Channel</translation>
    </message>
    <message>
        <source>Ajouter un destinataire</source>
        <translation>Add a recipient</translation>
    </message>
    <message>
        <source>Ajouter : nom, RPPS ou adresse MSSanté…</source>
        <translation>Add: name, RPPS or MSSanté address…</translation>
    </message>
    <message>
        <source>Professionnels trouvés</source>
        <translation>Professionals found</translation>
    </message>
    <message>
        <source>&amp;DMP du patient</source>
        <translation>Patient&apos;s &amp;DMP</translation>
    </message>
    <message>
        <source>Envoyer au DMP du patient</source>
        <translation>Send to the patient&apos;s DMP</translation>
    </message>
    <message>
        <source>&amp;Messagerie du patient</source>
        <translation>Patient&apos;s &amp;mailbox</translation>
    </message>
    <message>
        <source>Envoyer à la messagerie du patient</source>
        <translation>Send to the patient&apos;s mailbox</translation>
    </message>
    <message>
        <source>Patient :</source>
        <translation>Patient:</translation>
    </message>
    <message>
        <source>&amp;Type :</source>
        <translation>&amp;Type:</translation>
    </message>
    <message>
        <source>Destinataires (Entrée sur une ligne : choisir le professionnel) :</source>
        <translation>Recipients (Enter on a row: choose the professional):</translation>
    </message>
    <message>
        <source>&amp;Envoyer</source>
        <translation>&amp;Send</translation>
    </message>
    <message>
        <source>Envoyer (Ctrl+Entrée)</source>
        <translation>Send (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>&amp;Plus tard</source>
        <translation>&amp;Later</translation>
    </message>
    <message>
        <source>Page %1</source>
        <translation>Page %1</translation>
    </message>
    <message>
        <source>Adresse libre : %1</source>
        <translation>Free-text address: %1</translation>
    </message>
    <message>
        <source>inconnu de l&apos;annuaire</source>
        <translation>not in the directory</translation>
    </message>
    <message numerus="yes">
        <source>à choisir (%n candidat(s))</source>
        <translation>
            <numerusform>to choose (%n candidate)</numerusform>
            <numerusform>to choose (%n candidates)</numerusform>
        </translation>
    </message>
    <message>
        <source>adresse saisie</source>
        <translation>typed address</translation>
    </message>
    <message>
        <source>ajouté</source>
        <translation>added</translation>
    </message>
    <message>
        <source>Copie : </source>
        <translation>CC: </translation>
    </message>
    <message>
        <source>aucun canal</source>
        <translation>no channel</translation>
    </message>
    <message>
        <source>Aucun destinataire</source>
        <translation>No recipient</translation>
    </message>
    <message>
        <source>Cochez au moins un destinataire.</source>
        <translation>Tick at least one recipient.</translation>
    </message>
    <message>
        <source>Identité &amp;vérifiée</source>
        <translation>Identity &amp;checked</translation>
    </message>
    <message>
        <source>Identité vérifiée sur le courrier (Ctrl+I)</source>
        <translation>Identity checked against the letter (Ctrl+I)</translation>
    </message>
    <message>
        <source>Après l&apos;avoir comparée au courrier imprimé (Ctrl+I)</source>
        <translation>After comparing it with the printed letter (Ctrl+I)</translation>
    </message>
    <message>
        <source>Identité lue sur le DataMatrix, à vérifier sur le courrier :</source>
        <translation>Identity read from the DataMatrix, to check against the letter:</translation>
    </message>
    <message>
        <source>Pourquoi</source>
        <translation>Why</translation>
    </message>
    <message>
        <source>INS contredit : le courrier et son DataMatrix ne décrivent pas le même patient. DMP et messagerie du patient bloqués.</source>
        <translation>INS contradicted: the letter and its DataMatrix do not describe the same patient. DMP and the patient&apos;s mailbox blocked.</translation>
    </message>
    <message>
        <source>INS absent du courrier : le DMP et la messagerie du patient ne sont pas proposés. Les professionnels peuvent recevoir le courrier.</source>
        <translation>No INS on the letter: the DMP and the patient&apos;s mailbox are not offered. Professionals can still receive the letter.</translation>
    </message>
    <message>
        <source>&amp;Supprimer l&apos;impression…</source>
        <translation>&amp;Delete the print…</translation>
    </message>
    <message>
        <source>Supprimer l&apos;impression</source>
        <translation>Delete the print</translation>
    </message>
    <message>
        <source>Ce courrier ne sera envoyé à personne et l&apos;impression sera supprimée. Supprimer l&apos;impression ?</source>
        <translation>This letter will be sent to no one and the print will be deleted. Delete the print?</translation>
    </message>
    <message>
        <source>Document structuré impossible</source>
        <translation>Structured document impossible</translation>
    </message>
    <message>
        <source>Document structuré (CDA) impossible : %1
Le DMP n&apos;est pas proposé ; la messagerie recevra le PDF seul.</source>
        <translation>Structured document (CDA) impossible: %1
The DMP is not offered; the mail will carry the PDF alone.</translation>
    </message>
    <message>
        <source>Auteur du courrier (signataire)</source>
        <translation>Author of the letter (signatory)</translation>
    </message>
    <message>
        <source>Plusieurs professionnels portent ce nom : choisissez le signataire. Missive s&apos;en souviendra pour les prochains courriers.</source>
        <translation>Several professionals bear this name: choose the signatory. Missive will remember it for the next letters.</translation>
    </message>
    <message>
        <source>— à choisir —</source>
        <translation>— to choose —</translation>
    </message>
    <message>
        <source>Auteur</source>
        <translation>Author</translation>
    </message>
    <message>
        <source>&amp;Auteur :</source>
        <translation>&amp;Author:</translation>
    </message>
    <message>
        <source>Chercher un type (un mot)…</source>
        <translation>Search a type (one word)…</translation>
    </message>
    <message>
        <source>Chercher un type de document</source>
        <translation>Search a document type</translation>
    </message>
    <message>
        <source>Envoyer le courrier aux destinataires cochés (Ctrl+Entrée)</source>
        <translation>Send the letter to the ticked recipients (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>&amp;Nouveau destinataire…</source>
        <translation>&amp;New recipient…</translation>
    </message>
    <message>
        <source>Un destinataire absent de l&apos;annuaire, avec son adresse postale ou MSSanté</source>
        <translation>A recipient missing from the directory, with a postal or MSSanté address</translation>
    </message>
    <message>
        <source>Nouveau destinataire</source>
        <translation>New recipient</translation>
    </message>
</context>
<context>
    <name>missive::gui::DashboardView</name>
    <message>
        <source>Graphique : parts DMP, MSSanté et courrier par semaine</source>
        <translation>Chart: DMP, MSSanté and post shares per week</translation>
    </message>
    <message>
        <source>Résumé de la dernière semaine</source>
        <translation>Summary of the last week</translation>
    </message>
    <message>
        <source>E&amp;xporter en CSV…</source>
        <translation>E&amp;xport as CSV…</translation>
    </message>
    <message>
        <source>Exporter le tableau de bord</source>
        <translation>Export the dashboard</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>Export impossible</source>
        <translation>Export failed</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>Department</translation>
    </message>
    <message>
        <source>&amp;Service :</source>
        <translation>&amp;Department:</translation>
    </message>
    <message>
        <source>Tous les services</source>
        <translation>All departments</translation>
    </message>
    <message>
        <source>(service non renseigné)</source>
        <translation>(department not specified)</translation>
    </message>
    <message>
        <source>DMP</source>
        <translation>DMP</translation>
    </message>
    <message>
        <source>MSSanté</source>
        <translation>MSSanté</translation>
    </message>
    <message>
        <source>Courrier</source>
        <translation>Post</translation>
    </message>
    <message>
        <source>Objectif DMP</source>
        <translation>DMP target</translation>
    </message>
    <message>
        <source>Objectif MSSanté</source>
        <translation>MSSanté target</translation>
    </message>
    <message>
        <source>Aucun courrier envoyé pour l&apos;instant.</source>
        <translation>No letters sent yet.</translation>
    </message>
    <message>
        <source>Semaine du %1 : %2 courrier(s) — DMP %3 %, MSSanté %4 %, courrier %5 %</source>
        <translation>Week of %1: %2 letter(s) — DMP %3%, MSSanté %4%, post %5%</translation>
    </message>
    <message>
        <source>Part des courriers par semaine, %1 dernières semaines (objectifs : DMP 98 %, MSSanté 60 %)</source>
        <translation>Share of letters per week, last %1 weeks (targets: DMP 98 %, MSSanté 60 %)</translation>
    </message>
</context>
<context>
    <name>missive::gui::MainWindow</name>
    <message>
        <source>Missive</source>
        <translation>Missive</translation>
    </message>
    <message>
        <source>Courriers à vérifier</source>
        <translation>Letters to check</translation>
    </message>
    <message>
        <source>À &amp;vérifier</source>
        <translation>&amp;To check</translation>
    </message>
    <message>
        <source>Rechercher un patient, un destinataire ou un document</source>
        <translation>Search for a patient, recipient or document</translation>
    </message>
    <message>
        <source>Rechercher (patient, destinataire, document, service)…</source>
        <translation>Search (patient, recipient, document, department)…</translation>
    </message>
    <message>
        <source>Historique des envois</source>
        <translation>Sending history</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Patient</source>
        <translation>Patient</translation>
    </message>
    <message>
        <source>Destinataire</source>
        <translation>Recipient</translation>
    </message>
    <message>
        <source>Canal</source>
        <translation>Channel</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>Department</translation>
    </message>
    <message>
        <source>État</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>&amp;Relancer</source>
        <translation>&amp;Retry</translation>
    </message>
    <message>
        <source>Annuler l&apos;&amp;envoi</source>
        <translation>&amp;Cancel sending</translation>
    </message>
    <message>
        <source>Par &amp;courrier…</source>
        <translation>By &amp;post…</translation>
    </message>
    <message>
        <source>Envoyer par courrier postal à la place</source>
        <translation>Send by post instead</translation>
    </message>
    <message>
        <source>&amp;Historique</source>
        <translation>&amp;History</translation>
    </message>
    <message>
        <source>&amp;Tableau de bord</source>
        <translation>&amp;Dashboard</translation>
    </message>
    <message>
        <source>&amp;Paramètres…</source>
        <translation>&amp;Settings…</translation>
    </message>
    <message>
        <source>Envoi impossible</source>
        <translation>Cannot send</translation>
    </message>
    <message>
        <source>En attente : %1 (%2)</source>
        <translation>Pending: %1 (%2)</translation>
    </message>
    <message>
        <source>Illisible : %1 — %2</source>
        <translation>Unreadable: %1 — %2</translation>
    </message>
    <message>
        <source>Impression refusée : %1 — %2</source>
        <translation>Print rejected: %1 — %2</translation>
    </message>
    <message>
        <source>Envoi %1 en échec : %2 — %3</source>
        <translation>Sending %1 failed: %2 — %3</translation>
    </message>
    <message>
        <source>Relance impossible</source>
        <translation>Cannot retry</translation>
    </message>
    <message>
        <source>Envoyer par courrier</source>
        <translation>Send by post</translation>
    </message>
    <message>
        <source>Adresse postale de %1 (une ligne par ligne de l&apos;enveloppe) :</source>
        <translation>Postal address of %1 (one line per envelope line):</translation>
    </message>
    <message>
        <source>Envoi par courrier impossible</source>
        <translation>Cannot send by post</translation>
    </message>
    <message>
        <source>Annuler l&apos;envoi</source>
        <translation>Cancel sending</translation>
    </message>
    <message>
        <source>Annuler les envois choisis ?</source>
        <translation>Cancel the selected sendings?</translation>
    </message>
    <message>
        <source>Annulation impossible</source>
        <translation>Cannot cancel</translation>
    </message>
    <message>
        <source>Lecture du courrier en cours</source>
        <translation>Reading the letter</translation>
    </message>
    <message>
        <source>Lecture du courrier « %1 »…</source>
        <translation>Reading the letter “%1”…</translation>
    </message>
    <message>
        <source>Entrée ou double-clic sur un courrier en attente : le reprendre</source>
        <translation>Enter or double-click on a waiting letter: take it up again</translation>
    </message>
    <message>
        <source>identité à vérifier</source>
        <translation>identity to check</translation>
    </message>
    <message>
        <source>destinataire à choisir</source>
        <translation>recipient to choose</translation>
    </message>
    <message>
        <source>En attente : %1 (%2) — %3</source>
        <translation>Waiting: %1 (%2) — %3</translation>
    </message>
    <message>
        <source>À &amp;vérifier (%1)</source>
        <translation>To &amp;check (%1)</translation>
    </message>
    <message>
        <source>Envoyé depuis un fichier</source>
        <translation>Sent from a file</translation>
    </message>
    <message>
        <source>Impression n° %1</source>
        <translation>Print no. %1</translation>
    </message>
    <message>
        <source>Courrier « %1 » mis en file : 1 envoi (voir Historique).</source>
        <translation>Letter “%1” queued: 1 sending (see History).</translation>
    </message>
    <message>
        <source>Courrier « %1 » mis en file : %2 envois (voir Historique).</source>
        <translation>Letter “%1” queued: %2 sendings (see History).</translation>
    </message>
    <message>
        <source>&amp;Supprimer l&apos;impression refusée…</source>
        <translation>&amp;Delete the refused print…</translation>
    </message>
    <message>
        <source>Supprimer l&apos;impression refusée</source>
        <translation>Delete the refused print</translation>
    </message>
    <message>
        <source>Cette impression refusée sera supprimée. Supprimer ?</source>
        <translation>This refused print will be deleted. Delete it?</translation>
    </message>
    <message>
        <source>Suppression impossible</source>
        <translation>Cannot delete</translation>
    </message>
    <message>
        <source>Courrier envoyé : %1</source>
        <translation>Letter sent: %1</translation>
    </message>
    <message>
        <source>%1 envois réussis :
%2</source>
        <translation>%1 sendings succeeded:
%2</translation>
    </message>
    <message>
        <source>Échec d&apos;envoi :
%1
Voir À vérifier.</source>
        <translation>Sending failed:
%1
See To check.</translation>
    </message>
    <message>
        <source>Envoi n° %1</source>
        <translation>Sending no. %1</translation>
    </message>
    <message numerus="yes">
        <source>%n destinataire(s)</source>
        <translation>
            <numerusform>%n recipient</numerusform>
            <numerusform>%n recipients</numerusform>
        </translation>
    </message>
    <message>
        <source>Document</source>
        <translation>Document</translation>
    </message>
    <message>
        <source>Re&amp;lancer l&apos;envoi</source>
        <translation>Re&amp;try the sending</translation>
    </message>
    <message>
        <source>Par c&amp;ourrier…</source>
        <translation>By p&amp;ost…</translation>
    </message>
</context>
<context>
    <name>missive::gui::NewRecipientDialog</name>
    <message>
        <source>Nouveau destinataire</source>
        <translation>New recipient</translation>
    </message>
    <message>
        <source>Un destinataire absent de l&apos;annuaire : il y sera ajouté pour les prochains courriers. Indiquez son adresse postale, son adresse MSSanté, ou les deux.</source>
        <translation>A recipient missing from the directory: added to it for the next letters. Give their postal address, their MSSanté address, or both.</translation>
    </message>
    <message>
        <source>Dr</source>
        <translation>Dr</translation>
    </message>
    <message>
        <source>Pr</source>
        <translation>Prof.</translation>
    </message>
    <message>
        <source>(aucun)</source>
        <translation>(none)</translation>
    </message>
    <message>
        <source>Titre</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>Nom</source>
        <translation>Family name</translation>
    </message>
    <message>
        <source>Prénom</source>
        <translation>Given name</translation>
    </message>
    <message>
        <source>Adresse postale</source>
        <translation>Postal address</translation>
    </message>
    <message>
        <source>Une ligne par ligne de l&apos;enveloppe, la dernière : code postal et ville</source>
        <translation>One line per envelope line, the last: postcode and town</translation>
    </message>
    <message>
        <source>Adresse MSSanté</source>
        <translation>MSSanté address</translation>
    </message>
    <message>
        <source>&amp;Titre :</source>
        <translation>&amp;Title:</translation>
    </message>
    <message>
        <source>&amp;Nom :</source>
        <translation>&amp;Family name:</translation>
    </message>
    <message>
        <source>&amp;Prénom :</source>
        <translation>&amp;Given name:</translation>
    </message>
    <message>
        <source>Adresse &amp;postale :</source>
        <translation>&amp;Postal address:</translation>
    </message>
    <message>
        <source>Adresse &amp;MSSanté :</source>
        <translation>&amp;MSSanté address:</translation>
    </message>
    <message>
        <source>A&amp;jouter</source>
        <translation>A&amp;dd</translation>
    </message>
    <message>
        <source>&amp;Annuler</source>
        <translation>&amp;Cancel</translation>
    </message>
</context>
<context>
    <name>missive::gui::SettingsDialog</name>
    <message>
        <source>Missive — Paramètres</source>
        <translation>Missive — Settings</translation>
    </message>
    <message>
        <source>Messagerie MSSanté</source>
        <translation>MSSanté mail</translation>
    </message>
    <message>
        <source>Serveur SMTP</source>
        <translation>SMTP server</translation>
    </message>
    <message>
        <source>Adresse d&apos;envoi</source>
        <translation>Sender address</translation>
    </message>
    <message>
        <source>Certificat client (.p12)</source>
        <translation>Client certificate (.p12)</translation>
    </message>
    <message>
        <source>Phrase secrète du certificat</source>
        <translation>Certificate passphrase</translation>
    </message>
    <message>
        <source>Autorités de certification</source>
        <translation>Certificate authorities</translation>
    </message>
    <message>
        <source>Référence NIL</source>
        <translation>NIL reference</translation>
    </message>
    <message>
        <source>DMP</source>
        <translation>DMP</translation>
    </message>
    <message>
        <source>Service DMP (https)</source>
        <translation>DMP service (https)</translation>
    </message>
    <message>
        <source>Certificat de la structure (.p12)</source>
        <translation>Organisation certificate (.p12)</translation>
    </message>
    <message>
        <source>Phrase secrète du certificat DMP</source>
        <translation>DMP certificate passphrase</translation>
    </message>
    <message>
        <source>Autorités du service DMP</source>
        <translation>DMP service authorities</translation>
    </message>
    <message>
        <source>Responsable (IDNPS)</source>
        <translation>Responsible professional (IDNPS)</translation>
    </message>
    <message>
        <source>Établissement et courrier</source>
        <translation>Facility and post</translation>
    </message>
    <message>
        <source>Identifiant de la structure (IDNST)</source>
        <translation>Organisation identifier (IDNST)</translation>
    </message>
    <message>
        <source>Raison sociale</source>
        <translation>Legal name</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>Department</translation>
    </message>
    <message>
        <source>Imprimante du courrier postal</source>
        <translation>Printer for postal mail</translation>
    </message>
    <message>
        <source>Destinataires par défaut selon le type de document</source>
        <translation>Default recipients by document type</translation>
    </message>
    <message>
        <source>&amp;Enregistrer</source>
        <translation>&amp;Save</translation>
    </message>
    <message>
        <source>&amp;Annuler</source>
        <translation>&amp;Cancel</translation>
    </message>
    <message>
        <source>Paramètres non enregistrés</source>
        <translation>Settings not saved</translation>
    </message>
    <message>
        <source>inchangée</source>
        <translation>unchanged</translation>
    </message>
    <message>
        <source>Règles par type de document</source>
        <translation>Rules by document type</translation>
    </message>
    <message>
        <source>Type de document</source>
        <translation>Document type</translation>
    </message>
    <message>
        <source>%1 : le RPPS %2 est inconnu de l&apos;annuaire.</source>
        <translation>%1: RPPS %2 is not in the directory.</translation>
    </message>
    <message>
        <source>paramètres</source>
        <translation>settings</translation>
    </message>
    <message>
        <source>Tester la connexion</source>
        <translation>Test the connection</translation>
    </message>
    <message>
        <source>Résultat du test de connexion</source>
        <translation>Connection test result</translation>
    </message>
    <message>
        <source>Test en cours…</source>
        <translation>Testing…</translation>
    </message>
    <message>
        <source>Réussi : %1</source>
        <translation>Succeeded: %1</translation>
    </message>
    <message>
        <source>Échec : %1</source>
        <translation>Failed: %1</translation>
    </message>
    <message>
        <source>DMP du
patient</source>
        <translation>Patient&apos;s
DMP</translation>
    </message>
    <message>
        <source>Messagerie
du patient</source>
        <translation>Patient&apos;s
mailbox</translation>
    </message>
    <message>
        <source>Médecin
traitant</source>
        <translation>General
practitioner</translation>
    </message>
    <message>
        <source>Autres
(RPPS)</source>
        <translation>Others
(RPPS)</translation>
    </message>
    <message>
        <source>Imposé par votre administrateur</source>
        <translation>Set by your administrator</translation>
    </message>
    <message>
        <source>imposée par votre administrateur</source>
        <translation>set by your administrator</translation>
    </message>
    <message>
        <source>&amp;Mes réglages</source>
        <translation>&amp;My settings</translation>
    </message>
    <message>
        <source>É&amp;tablissement (administrateur)</source>
        <translation>Es&amp;tablishment (administrator)</translation>
    </message>
    <message>
        <source>Mon service</source>
        <translation>My department</translation>
    </message>
    <message>
        <source>Choisir le fichier : %1</source>
        <translation>Choose the file: %1</translation>
    </message>
    <message>
        <source>Choisir le fichier</source>
        <translation>Choose the file</translation>
    </message>
    <message>
        <source>Certificats PKCS#12 (*.p12 *.pfx)</source>
        <translation>PKCS#12 certificates (*.p12 *.pfx)</translation>
    </message>
    <message>
        <source>Autorités de certification (*.pem *.crt)</source>
        <translation>Certificate authorities (*.pem *.crt)</translation>
    </message>
    <message>
        <source>Fixé par la configuration (section [rules])</source>
        <translation>Set by the configuration ([rules] section)</translation>
    </message>
</context>
</TS>

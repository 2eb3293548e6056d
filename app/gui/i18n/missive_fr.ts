<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR" sourcelanguage="fr_FR">
<context>
    <name>QObject</name>
    <message>
        <source>Nom utilisé : %1</source>
        <translation>Nom utilisé : %1</translation>
    </message>
    <message>
        <source>DataMatrix</source>
        <translation>DataMatrix</translation>
    </message>
    <message>
        <source>INS : non retenu</source>
        <translation>INS : non retenu</translation>
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
        <translation>Courrier</translation>
    </message>
    <message>
        <source>Ouvrir Missive</source>
        <translation>Ouvrir Missive</translation>
    </message>
    <message>
        <source>Quitter</source>
        <translation>Quitter</translation>
    </message>
    <message>
        <source>Lecture du courrier…</source>
        <translation>Lecture du courrier…</translation>
    </message>
    <message>
        <source>Lecture du courrier « %1 » (reconnaissance du texte)…</source>
        <translation>Lecture du courrier « %1 » (reconnaissance du texte)…</translation>
    </message>
    <message>
        <source>Identité qualifiée</source>
        <translation>Identité qualifiée</translation>
    </message>
    <message>
        <source>Identité à vérifier</source>
        <translation>Identité à vérifier</translation>
    </message>
    <message>
        <source>Identité provisoire</source>
        <translation>Identité provisoire</translation>
    </message>
    <message>
        <source>féminin</source>
        <translation>féminin</translation>
    </message>
    <message>
        <source>masculin</source>
        <translation>masculin</translation>
    </message>
    <message>
        <source>Né(e) le %1, sexe %2, lieu de naissance (code INSEE) %3</source>
        <translation>Né(e) le %1, sexe %2, lieu de naissance (code INSEE) %3</translation>
    </message>
    <message>
        <source>courrier et DataMatrix</source>
        <translation>courrier et DataMatrix</translation>
    </message>
    <message>
        <source>courrier</source>
        <translation>courrier</translation>
    </message>
    <message>
        <source>INS : %1 (lu sur : %2)</source>
        <translation>INS : %1 (lu sur : %2)</translation>
    </message>
    <message>
        <source>%1 — courrier : %2 ; DataMatrix : %3</source>
        <translation>%1 — courrier : %2 ; DataMatrix : %3</translation>
    </message>
    <message>
        <source>Nom de naissance</source>
        <translation>Nom de naissance</translation>
    </message>
    <message>
        <source>Premier prénom</source>
        <translation>Premier prénom</translation>
    </message>
    <message>
        <source>Date de naissance</source>
        <translation>Date de naissance</translation>
    </message>
    <message>
        <source>Sexe</source>
        <translation>Sexe</translation>
    </message>
    <message>
        <source>Lieu de naissance</source>
        <translation>Lieu de naissance</translation>
    </message>
</context>
<context>
    <name>missive::engine</name>
    <message>
        <source>fenêtre d&apos;adresse</source>
        <translation>fenêtre d&apos;adresse</translation>
    </message>
    <message>
        <source>liste des copies</source>
        <translation>liste des copies</translation>
    </message>
    <message>
        <source>liste des destinataires</source>
        <translation>liste des destinataires</translation>
    </message>
    <message>
        <source>formule d&apos;appel</source>
        <translation>formule d&apos;appel</translation>
    </message>
    <message>
        <source>cité dans le texte</source>
        <translation>cité dans le texte</translation>
    </message>
    <message>
        <source>signature</source>
        <translation>signature</translation>
    </message>
    <message>
        <source>liste du service</source>
        <translation>liste du service</translation>
    </message>
    <message>
        <source>lu sur le courrier</source>
        <translation>lu sur le courrier</translation>
    </message>
    <message>
        <source>seul professionnel de l&apos;annuaire qui corresponde</source>
        <translation>seul professionnel de l&apos;annuaire qui corresponde</translation>
    </message>
    <message>
        <source>inconnu de l&apos;annuaire</source>
        <translation>inconnu de l&apos;annuaire</translation>
    </message>
    <message>
        <source>homonyme ailleurs (lieu imprimé différent) : à vérifier</source>
        <translation>homonyme ailleurs (lieu imprimé différent) : à vérifier</translation>
    </message>
    <message>
        <source>%1 homonymes possibles : à choisir</source>
        <translation>%1 homonymes possibles : à choisir</translation>
    </message>
    <message>
        <source>ce que le courrier imprime ne suffit pas à le reconnaître : à confirmer</source>
        <translation>ce que le courrier imprime ne suffit pas à le reconnaître : à confirmer</translation>
    </message>
    <message>
        <source>aucun canal</source>
        <translation>aucun canal</translation>
    </message>
    <message>
        <source>MSSanté : %1</source>
        <translation>MSSanté : %1</translation>
    </message>
    <message>
        <source>Courrier : %1</source>
        <translation>Courrier : %1</translation>
    </message>
    <message>
        <source>ne pas envoyer (préférence)</source>
        <translation>ne pas envoyer (préférence)</translation>
    </message>
    <message>
        <source>à choisir</source>
        <translation>à choisir</translation>
    </message>
    <message>
        <source>règle du type de document</source>
        <translation>règle du type de document</translation>
    </message>
    <message>
        <source>professionnel inconnu de l&apos;annuaire : %1</source>
        <translation>professionnel inconnu de l&apos;annuaire : %1</translation>
    </message>
    <message>
        <source>aucune identité à confirmer pour ce courrier</source>
        <translation>aucune identité à confirmer pour ce courrier</translation>
    </message>
    <message>
        <source>identité du DataMatrix incomplète : confirmation impossible</source>
        <translation>identité du DataMatrix incomplète : confirmation impossible</translation>
    </message>
    <message>
        <source>ajouté par vous</source>
        <translation>ajouté par vous</translation>
    </message>
    <message>
        <source>adresse saisie par vous</source>
        <translation>adresse saisie par vous</translation>
    </message>
    <message>
        <source>le nom du destinataire est obligatoire</source>
        <translation>le nom du destinataire est obligatoire</translation>
    </message>
    <message>
        <source>indiquez une adresse postale ou une adresse MSSanté</source>
        <translation>indiquez une adresse postale ou une adresse MSSanté</translation>
    </message>
    <message>
        <source>adresse MSSanté invalide : %1</source>
        <translation>adresse MSSanté invalide : %1</translation>
    </message>
    <message>
        <source>la dernière ligne de l&apos;adresse doit être « code postal ville »</source>
        <translation>la dernière ligne de l&apos;adresse doit être « code postal ville »</translation>
    </message>
    <message>
        <source>ajout à l&apos;annuaire non relu</source>
        <translation>ajout à l&apos;annuaire non relu</translation>
    </message>
    <message>
        <source>ajouté à l&apos;annuaire par le secrétariat</source>
        <translation>ajouté à l&apos;annuaire par le secrétariat</translation>
    </message>
    <message>
        <source>DMP du patient</source>
        <translation>DMP du patient</translation>
    </message>
    <message>
        <source>courrier postal</source>
        <translation>courrier postal</translation>
    </message>
    <message>
        <source>messagerie du patient</source>
        <translation>messagerie du patient</translation>
    </message>
    <message>
        <source>en attente</source>
        <translation>en attente</translation>
    </message>
    <message>
        <source>envoi en cours</source>
        <translation>envoi en cours</translation>
    </message>
    <message>
        <source>envoyé</source>
        <translation>envoyé</translation>
    </message>
    <message>
        <source>échec</source>
        <translation>échec</translation>
    </message>
    <message>
        <source>annulé</source>
        <translation>annulé</translation>
    </message>
</context>
<context>
    <name>missive::gui::CandidateChooser</name>
    <message>
        <source>Choisir le professionnel</source>
        <translation>Choisir le professionnel</translation>
    </message>
    <message>
        <source>Lu sur le courrier : « %1 ». Plusieurs professionnels peuvent correspondre ; choisissez celui à qui le courrier est adressé.</source>
        <translation>Lu sur le courrier : « %1 ». Plusieurs professionnels peuvent correspondre ; choisissez celui à qui le courrier est adressé.</translation>
    </message>
    <message>
        <source>Professionnels possibles</source>
        <translation>Professionnels possibles</translation>
    </message>
    <message>
        <source>%1 · RPPS %2</source>
        <translation>%1 · RPPS %2</translation>
    </message>
    <message>
        <source>aucun canal</source>
        <translation>aucun canal</translation>
    </message>
    <message>
        <source>Ne correspond pas au lieu imprimé sur le courrier</source>
        <translation>Ne correspond pas au lieu imprimé sur le courrier</translation>
    </message>
    <message>
        <source>&amp;Choisir</source>
        <translation>&amp;Choisir</translation>
    </message>
    <message>
        <source>&amp;Annuler</source>
        <translation>&amp;Annuler</translation>
    </message>
</context>
<context>
    <name>missive::gui::ConfirmationDialog</name>
    <message>
        <source>Missive — envoi du courrier</source>
        <translation>Missive — envoi du courrier</translation>
    </message>
    <message>
        <source>Aperçu de la page</source>
        <translation>Aperçu de la page</translation>
    </message>
    <message>
        <source>Page affichée</source>
        <translation>Page affichée</translation>
    </message>
    <message>
        <source>Page </source>
        <translation>Page </translation>
    </message>
    <message>
        <source>Réduire l&apos;aperçu</source>
        <translation>Réduire l&apos;aperçu</translation>
    </message>
    <message>
        <source>Réduire (Ctrl+-)</source>
        <translation>Réduire (Ctrl+-)</translation>
    </message>
    <message>
        <source>Agrandir l&apos;aperçu</source>
        <translation>Agrandir l&apos;aperçu</translation>
    </message>
    <message>
        <source>Agrandir (Ctrl++)</source>
        <translation>Agrandir (Ctrl++)</translation>
    </message>
    <message>
        <source>Miniatures des pages</source>
        <translation>Miniatures des pages</translation>
    </message>
    <message>
        <source>Identité du patient</source>
        <translation>Identité du patient</translation>
    </message>
    <message>
        <source>Alerte d&apos;identité</source>
        <translation>Alerte d&apos;identité</translation>
    </message>
    <message>
        <source>Identité non vérifiée : DMP et messagerie du patient indisponibles.</source>
        <translation>Identité non vérifiée : DMP et messagerie du patient indisponibles.</translation>
    </message>
    <message>
        <source>Type de document</source>
        <translation>Type de document</translation>
    </message>
    <message>
        <source>Destinataires proposés</source>
        <translation>Destinataires proposés</translation>
    </message>
    <message>
        <source>Lu sur le courrier</source>
        <translation>Lu sur le courrier</translation>
    </message>
    <message>
        <source>Professionnel</source>
        <translation>Professionnel</translation>
    </message>
    <message>
        <source>Canal</source>
        <translation>Canal</translation>
    </message>
    <message>
        <source>Ajouter un destinataire</source>
        <translation>Ajouter un destinataire</translation>
    </message>
    <message>
        <source>Ajouter : nom, RPPS ou adresse MSSanté…</source>
        <translation>Ajouter : nom, RPPS ou adresse MSSanté…</translation>
    </message>
    <message>
        <source>Professionnels trouvés</source>
        <translation>Professionnels trouvés</translation>
    </message>
    <message>
        <source>&amp;DMP du patient</source>
        <translation>&amp;DMP du patient</translation>
    </message>
    <message>
        <source>Envoyer au DMP du patient</source>
        <translation>Envoyer au DMP du patient</translation>
    </message>
    <message>
        <source>&amp;Messagerie du patient</source>
        <translation>&amp;Messagerie du patient</translation>
    </message>
    <message>
        <source>Envoyer à la messagerie du patient</source>
        <translation>Envoyer à la messagerie du patient</translation>
    </message>
    <message>
        <source>Patient :</source>
        <translation>Patient :</translation>
    </message>
    <message>
        <source>&amp;Type :</source>
        <translation>&amp;Type :</translation>
    </message>
    <message>
        <source>Destinataires (Entrée sur une ligne : choisir le professionnel) :</source>
        <translation>Destinataires (Entrée sur une ligne : choisir le professionnel) :</translation>
    </message>
    <message>
        <source>&amp;Envoyer</source>
        <translation>&amp;Envoyer</translation>
    </message>
    <message>
        <source>Envoyer (Ctrl+Entrée)</source>
        <translation>Envoyer (Ctrl+Entrée)</translation>
    </message>
    <message>
        <source>&amp;Plus tard</source>
        <translation>&amp;Plus tard</translation>
    </message>
    <message>
        <source>Page %1</source>
        <translation>Page %1</translation>
    </message>
    <message>
        <source>Adresse libre : %1</source>
        <translation>Adresse libre : %1</translation>
    </message>
    <message>
        <source>inconnu de l&apos;annuaire</source>
        <translation>inconnu de l&apos;annuaire</translation>
    </message>
    <message numerus="yes">
        <source>à choisir (%n candidat(s))</source>
        <translation>
            <numerusform>à choisir (%n candidat)</numerusform>
            <numerusform>à choisir (%n candidats)</numerusform>
        </translation>
    </message>
    <message>
        <source>adresse saisie</source>
        <translation>adresse saisie</translation>
    </message>
    <message>
        <source>ajouté</source>
        <translation>ajouté</translation>
    </message>
    <message>
        <source>Copie : </source>
        <translation>Copie : </translation>
    </message>
    <message>
        <source>aucun canal</source>
        <translation>aucun canal</translation>
    </message>
    <message>
        <source>Aucun destinataire</source>
        <translation>Aucun destinataire</translation>
    </message>
    <message>
        <source>Cochez au moins un destinataire.</source>
        <translation>Cochez au moins un destinataire.</translation>
    </message>
    <message>
        <source>Identité &amp;vérifiée</source>
        <translation>Identité &amp;vérifiée</translation>
    </message>
    <message>
        <source>Identité vérifiée sur le courrier (Ctrl+I)</source>
        <translation>Identité vérifiée sur le courrier (Ctrl+I)</translation>
    </message>
    <message>
        <source>Après l&apos;avoir comparée au courrier imprimé (Ctrl+I)</source>
        <translation>Après l&apos;avoir comparée au courrier imprimé (Ctrl+I)</translation>
    </message>
    <message>
        <source>Identité lue sur le DataMatrix, à vérifier sur le courrier :</source>
        <translation>Identité lue sur le DataMatrix, à vérifier sur le courrier :</translation>
    </message>
    <message>
        <source>Pourquoi</source>
        <translation>Pourquoi</translation>
    </message>
    <message>
        <source>INS contredit : le courrier et son DataMatrix ne décrivent pas le même patient. DMP et messagerie du patient bloqués.</source>
        <translation>INS contredit : le courrier et son DataMatrix ne décrivent pas le même patient. DMP et messagerie du patient bloqués.</translation>
    </message>
    <message>
        <source>INS absent du courrier : le DMP et la messagerie du patient ne sont pas proposés. Les professionnels peuvent recevoir le courrier.</source>
        <translation>INS absent du courrier : le DMP et la messagerie du patient ne sont pas proposés. Les professionnels peuvent recevoir le courrier.</translation>
    </message>
    <message>
        <source>&amp;Supprimer l&apos;impression…</source>
        <translation>&amp;Supprimer l&apos;impression…</translation>
    </message>
    <message>
        <source>Supprimer l&apos;impression</source>
        <translation>Supprimer l&apos;impression</translation>
    </message>
    <message>
        <source>Ce courrier ne sera envoyé à personne et l&apos;impression sera supprimée. Supprimer l&apos;impression ?</source>
        <translation>Ce courrier ne sera envoyé à personne et l&apos;impression sera supprimée. Supprimer l&apos;impression ?</translation>
    </message>
    <message>
        <source>Document structuré impossible</source>
        <translation>Document structuré impossible</translation>
    </message>
    <message>
        <source>Document structuré (CDA) impossible : %1
Le DMP n&apos;est pas proposé ; la messagerie recevra le PDF seul.</source>
        <translation>Document structuré (CDA) impossible : %1
Le DMP n&apos;est pas proposé ; la messagerie recevra le PDF seul.</translation>
    </message>
    <message>
        <source>Auteur du courrier (signataire)</source>
        <translation>Auteur du courrier (signataire)</translation>
    </message>
    <message>
        <source>Plusieurs professionnels portent ce nom : choisissez le signataire. Missive s&apos;en souviendra pour les prochains courriers.</source>
        <translation>Plusieurs professionnels portent ce nom : choisissez le signataire. Missive s&apos;en souviendra pour les prochains courriers.</translation>
    </message>
    <message>
        <source>— à choisir —</source>
        <translation>— à choisir —</translation>
    </message>
    <message>
        <source>Auteur</source>
        <translation>Auteur</translation>
    </message>
    <message>
        <source>&amp;Auteur :</source>
        <translation>&amp;Auteur :</translation>
    </message>
    <message>
        <source>Chercher un type (un mot)…</source>
        <translation>Chercher un type (un mot)…</translation>
    </message>
    <message>
        <source>Chercher un type de document</source>
        <translation>Chercher un type de document</translation>
    </message>
    <message>
        <source>Envoyer le courrier aux destinataires cochés (Ctrl+Entrée)</source>
        <translation>Envoyer le courrier aux destinataires cochés (Ctrl+Entrée)</translation>
    </message>
    <message>
        <source>&amp;Nouveau destinataire…</source>
        <translation>&amp;Nouveau destinataire…</translation>
    </message>
    <message>
        <source>Un destinataire absent de l&apos;annuaire, avec son adresse postale ou MSSanté</source>
        <translation>Un destinataire absent de l&apos;annuaire, avec son adresse postale ou MSSanté</translation>
    </message>
    <message>
        <source>Nouveau destinataire</source>
        <translation>Nouveau destinataire</translation>
    </message>
</context>
<context>
    <name>missive::gui::DashboardView</name>
    <message>
        <source>Graphique : parts DMP, MSSanté et courrier par semaine</source>
        <translation>Graphique : parts DMP, MSSanté et courrier par semaine</translation>
    </message>
    <message>
        <source>Résumé de la dernière semaine</source>
        <translation>Résumé de la dernière semaine</translation>
    </message>
    <message>
        <source>E&amp;xporter en CSV…</source>
        <translation>E&amp;xporter en CSV…</translation>
    </message>
    <message>
        <source>Exporter le tableau de bord</source>
        <translation>Exporter le tableau de bord</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>Export impossible</source>
        <translation>Export impossible</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>Service</translation>
    </message>
    <message>
        <source>&amp;Service :</source>
        <translation>&amp;Service :</translation>
    </message>
    <message>
        <source>Tous les services</source>
        <translation>Tous les services</translation>
    </message>
    <message>
        <source>(service non renseigné)</source>
        <translation>(service non renseigné)</translation>
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
        <translation>Courrier</translation>
    </message>
    <message>
        <source>Objectif DMP</source>
        <translation>Objectif DMP</translation>
    </message>
    <message>
        <source>Objectif MSSanté</source>
        <translation>Objectif MSSanté</translation>
    </message>
    <message>
        <source>Aucun courrier envoyé pour l&apos;instant.</source>
        <translation>Aucun courrier envoyé pour l&apos;instant.</translation>
    </message>
    <message>
        <source>Semaine du %1 : %2 courrier(s) — DMP %3 %, MSSanté %4 %, courrier %5 %</source>
        <translation>Semaine du %1 : %2 courrier(s) — DMP %3 %, MSSanté %4 %, courrier %5 %</translation>
    </message>
    <message>
        <source>Part des courriers par semaine, %1 dernières semaines (objectifs : DMP 98 %, MSSanté 60 %)</source>
        <translation>Part des courriers par semaine, %1 dernières semaines (objectifs : DMP 98 %, MSSanté 60 %)</translation>
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
        <translation>Courriers à vérifier</translation>
    </message>
    <message>
        <source>À &amp;vérifier</source>
        <translation>À &amp;vérifier</translation>
    </message>
    <message>
        <source>Rechercher un patient, un destinataire ou un document</source>
        <translation>Rechercher un patient, un destinataire ou un document</translation>
    </message>
    <message>
        <source>Rechercher (patient, destinataire, document, service)…</source>
        <translation>Rechercher (patient, destinataire, document, service)…</translation>
    </message>
    <message>
        <source>Historique des envois</source>
        <translation>Historique des envois</translation>
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
        <translation>Destinataire</translation>
    </message>
    <message>
        <source>Canal</source>
        <translation>Canal</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>Service</translation>
    </message>
    <message>
        <source>État</source>
        <translation>État</translation>
    </message>
    <message>
        <source>&amp;Relancer</source>
        <translation>&amp;Relancer</translation>
    </message>
    <message>
        <source>Annuler l&apos;&amp;envoi</source>
        <translation>Annuler l&apos;&amp;envoi</translation>
    </message>
    <message>
        <source>Par &amp;courrier…</source>
        <translation>Par &amp;courrier…</translation>
    </message>
    <message>
        <source>Envoyer par courrier postal à la place</source>
        <translation>Envoyer par courrier postal à la place</translation>
    </message>
    <message>
        <source>&amp;Historique</source>
        <translation>&amp;Historique</translation>
    </message>
    <message>
        <source>&amp;Tableau de bord</source>
        <translation>&amp;Tableau de bord</translation>
    </message>
    <message>
        <source>&amp;Paramètres…</source>
        <translation>&amp;Paramètres…</translation>
    </message>
    <message>
        <source>Envoi impossible</source>
        <translation>Envoi impossible</translation>
    </message>
    <message>
        <source>En attente : %1 (%2)</source>
        <translation>En attente : %1 (%2)</translation>
    </message>
    <message>
        <source>Illisible : %1 — %2</source>
        <translation>Illisible : %1 — %2</translation>
    </message>
    <message>
        <source>Impression refusée : %1 — %2</source>
        <translation>Impression refusée : %1 — %2</translation>
    </message>
    <message>
        <source>Envoi %1 en échec : %2 — %3</source>
        <translation>Envoi %1 en échec : %2 — %3</translation>
    </message>
    <message>
        <source>Relance impossible</source>
        <translation>Relance impossible</translation>
    </message>
    <message>
        <source>Envoyer par courrier</source>
        <translation>Envoyer par courrier</translation>
    </message>
    <message>
        <source>Adresse postale de %1 (une ligne par ligne de l&apos;enveloppe) :</source>
        <translation>Adresse postale de %1 (une ligne par ligne de l&apos;enveloppe) :</translation>
    </message>
    <message>
        <source>Envoi par courrier impossible</source>
        <translation>Envoi par courrier impossible</translation>
    </message>
    <message>
        <source>Annuler l&apos;envoi</source>
        <translation>Annuler l&apos;envoi</translation>
    </message>
    <message>
        <source>Annuler les envois choisis ?</source>
        <translation>Annuler les envois choisis ?</translation>
    </message>
    <message>
        <source>Annulation impossible</source>
        <translation>Annulation impossible</translation>
    </message>
    <message>
        <source>Lecture du courrier en cours</source>
        <translation>Lecture du courrier en cours</translation>
    </message>
    <message>
        <source>Lecture du courrier « %1 »…</source>
        <translation>Lecture du courrier « %1 »…</translation>
    </message>
    <message>
        <source>Entrée ou double-clic sur un courrier en attente : le reprendre</source>
        <translation>Entrée ou double-clic sur un courrier en attente : le reprendre</translation>
    </message>
    <message>
        <source>identité à vérifier</source>
        <translation>identité à vérifier</translation>
    </message>
    <message>
        <source>destinataire à choisir</source>
        <translation>destinataire à choisir</translation>
    </message>
    <message>
        <source>En attente : %1 (%2) — %3</source>
        <translation>En attente : %1 (%2) — %3</translation>
    </message>
    <message>
        <source>À &amp;vérifier (%1)</source>
        <translation>À &amp;vérifier (%1)</translation>
    </message>
    <message>
        <source>Envoyé depuis un fichier</source>
        <translation>Envoyé depuis un fichier</translation>
    </message>
    <message>
        <source>Impression n° %1</source>
        <translation>Impression n° %1</translation>
    </message>
    <message>
        <source>Courrier « %1 » mis en file : 1 envoi (voir Historique).</source>
        <translation>Courrier « %1 » mis en file : 1 envoi (voir Historique).</translation>
    </message>
    <message>
        <source>Courrier « %1 » mis en file : %2 envois (voir Historique).</source>
        <translation>Courrier « %1 » mis en file : %2 envois (voir Historique).</translation>
    </message>
    <message>
        <source>&amp;Supprimer l&apos;impression refusée…</source>
        <translation>&amp;Supprimer l&apos;impression refusée…</translation>
    </message>
    <message>
        <source>Supprimer l&apos;impression refusée</source>
        <translation>Supprimer l&apos;impression refusée</translation>
    </message>
    <message>
        <source>Cette impression refusée sera supprimée. Supprimer ?</source>
        <translation>Cette impression refusée sera supprimée. Supprimer ?</translation>
    </message>
    <message>
        <source>Suppression impossible</source>
        <translation>Suppression impossible</translation>
    </message>
    <message>
        <source>Courrier envoyé : %1</source>
        <translation>Courrier envoyé : %1</translation>
    </message>
    <message>
        <source>%1 envois réussis :
%2</source>
        <translation>%1 envois réussis :
%2</translation>
    </message>
    <message>
        <source>Échec d&apos;envoi :
%1
Voir À vérifier.</source>
        <translation>Échec d&apos;envoi :
%1
Voir À vérifier.</translation>
    </message>
    <message>
        <source>Envoi n° %1</source>
        <translation>Envoi n° %1</translation>
    </message>
    <message numerus="yes">
        <source>%n destinataire(s)</source>
        <translation>
            <numerusform>%n destinataire</numerusform>
            <numerusform>%n destinataires</numerusform>
        </translation>
    </message>
    <message>
        <source>Document</source>
        <translation>Document</translation>
    </message>
    <message>
        <source>Re&amp;lancer l&apos;envoi</source>
        <translation>Re&amp;lancer l&apos;envoi</translation>
    </message>
    <message>
        <source>Par c&amp;ourrier…</source>
        <translation>Par c&amp;ourrier…</translation>
    </message>
</context>
<context>
    <name>missive::gui::NewRecipientDialog</name>
    <message>
        <source>Nouveau destinataire</source>
        <translation>Nouveau destinataire</translation>
    </message>
    <message>
        <source>Un destinataire absent de l&apos;annuaire : il y sera ajouté pour les prochains courriers. Indiquez son adresse postale, son adresse MSSanté, ou les deux.</source>
        <translation>Un destinataire absent de l&apos;annuaire : il y sera ajouté pour les prochains courriers. Indiquez son adresse postale, son adresse MSSanté, ou les deux.</translation>
    </message>
    <message>
        <source>Dr</source>
        <translation>Dr</translation>
    </message>
    <message>
        <source>Pr</source>
        <translation>Pr</translation>
    </message>
    <message>
        <source>(aucun)</source>
        <translation>(aucun)</translation>
    </message>
    <message>
        <source>Titre</source>
        <translation>Titre</translation>
    </message>
    <message>
        <source>Nom</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Prénom</source>
        <translation>Prénom</translation>
    </message>
    <message>
        <source>Adresse postale</source>
        <translation>Adresse postale</translation>
    </message>
    <message>
        <source>Une ligne par ligne de l&apos;enveloppe, la dernière : code postal et ville</source>
        <translation>Une ligne par ligne de l&apos;enveloppe, la dernière : code postal et ville</translation>
    </message>
    <message>
        <source>Adresse MSSanté</source>
        <translation>Adresse MSSanté</translation>
    </message>
    <message>
        <source>&amp;Titre :</source>
        <translation>&amp;Titre :</translation>
    </message>
    <message>
        <source>&amp;Nom :</source>
        <translation>&amp;Nom :</translation>
    </message>
    <message>
        <source>&amp;Prénom :</source>
        <translation>&amp;Prénom :</translation>
    </message>
    <message>
        <source>Adresse &amp;postale :</source>
        <translation>Adresse &amp;postale :</translation>
    </message>
    <message>
        <source>Adresse &amp;MSSanté :</source>
        <translation>Adresse &amp;MSSanté :</translation>
    </message>
    <message>
        <source>A&amp;jouter</source>
        <translation>A&amp;jouter</translation>
    </message>
    <message>
        <source>&amp;Annuler</source>
        <translation>&amp;Annuler</translation>
    </message>
</context>
<context>
    <name>missive::gui::SettingsDialog</name>
    <message>
        <source>Missive — Paramètres</source>
        <translation>Missive — Paramètres</translation>
    </message>
    <message>
        <source>Messagerie MSSanté</source>
        <translation>Messagerie MSSanté</translation>
    </message>
    <message>
        <source>Serveur SMTP</source>
        <translation>Serveur SMTP</translation>
    </message>
    <message>
        <source>Adresse d&apos;envoi</source>
        <translation>Adresse d&apos;envoi</translation>
    </message>
    <message>
        <source>Certificat client (.p12)</source>
        <translation>Certificat client (.p12)</translation>
    </message>
    <message>
        <source>Phrase secrète du certificat</source>
        <translation>Phrase secrète du certificat</translation>
    </message>
    <message>
        <source>Autorités de certification</source>
        <translation>Autorités de certification</translation>
    </message>
    <message>
        <source>Référence NIL</source>
        <translation>Référence NIL</translation>
    </message>
    <message>
        <source>DMP</source>
        <translation>DMP</translation>
    </message>
    <message>
        <source>Service DMP (https)</source>
        <translation>Service DMP (https)</translation>
    </message>
    <message>
        <source>Certificat de la structure (.p12)</source>
        <translation>Certificat de la structure (.p12)</translation>
    </message>
    <message>
        <source>Phrase secrète du certificat DMP</source>
        <translation>Phrase secrète du certificat DMP</translation>
    </message>
    <message>
        <source>Autorités du service DMP</source>
        <translation>Autorités du service DMP</translation>
    </message>
    <message>
        <source>Responsable (IDNPS)</source>
        <translation>Responsable (IDNPS)</translation>
    </message>
    <message>
        <source>Établissement et courrier</source>
        <translation>Établissement et courrier</translation>
    </message>
    <message>
        <source>Identifiant de la structure (IDNST)</source>
        <translation>Identifiant de la structure (IDNST)</translation>
    </message>
    <message>
        <source>Raison sociale</source>
        <translation>Raison sociale</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>Service</translation>
    </message>
    <message>
        <source>Imprimante du courrier postal</source>
        <translation>Imprimante du courrier postal</translation>
    </message>
    <message>
        <source>Destinataires par défaut selon le type de document</source>
        <translation>Destinataires par défaut selon le type de document</translation>
    </message>
    <message>
        <source>&amp;Enregistrer</source>
        <translation>&amp;Enregistrer</translation>
    </message>
    <message>
        <source>&amp;Annuler</source>
        <translation>&amp;Annuler</translation>
    </message>
    <message>
        <source>Paramètres non enregistrés</source>
        <translation>Paramètres non enregistrés</translation>
    </message>
    <message>
        <source>inchangée</source>
        <translation>inchangée</translation>
    </message>
    <message>
        <source>Règles par type de document</source>
        <translation>Règles par type de document</translation>
    </message>
    <message>
        <source>Type de document</source>
        <translation>Type de document</translation>
    </message>
    <message>
        <source>%1 : le RPPS %2 est inconnu de l&apos;annuaire.</source>
        <translation>%1 : le RPPS %2 est inconnu de l&apos;annuaire.</translation>
    </message>
    <message>
        <source>paramètres</source>
        <translation>paramètres</translation>
    </message>
    <message>
        <source>Tester la connexion</source>
        <translation>Tester la connexion</translation>
    </message>
    <message>
        <source>Résultat du test de connexion</source>
        <translation>Résultat du test de connexion</translation>
    </message>
    <message>
        <source>Test en cours…</source>
        <translation>Test en cours…</translation>
    </message>
    <message>
        <source>Réussi : %1</source>
        <translation>Réussi : %1</translation>
    </message>
    <message>
        <source>Échec : %1</source>
        <translation>Échec : %1</translation>
    </message>
    <message>
        <source>DMP du
patient</source>
        <translation>DMP du
patient</translation>
    </message>
    <message>
        <source>Messagerie
du patient</source>
        <translation>Messagerie
du patient</translation>
    </message>
    <message>
        <source>Médecin
traitant</source>
        <translation>Médecin
traitant</translation>
    </message>
    <message>
        <source>Autres
(RPPS)</source>
        <translation>Autres
(RPPS)</translation>
    </message>
    <message>
        <source>Imposé par votre administrateur</source>
        <translation>Imposé par votre administrateur</translation>
    </message>
    <message>
        <source>imposée par votre administrateur</source>
        <translation>imposée par votre administrateur</translation>
    </message>
    <message>
        <source>&amp;Mes réglages</source>
        <translation>&amp;Mes réglages</translation>
    </message>
    <message>
        <source>É&amp;tablissement (administrateur)</source>
        <translation>É&amp;tablissement (administrateur)</translation>
    </message>
    <message>
        <source>Mon service</source>
        <translation>Mon service</translation>
    </message>
    <message>
        <source>Choisir le fichier : %1</source>
        <translation>Choisir le fichier : %1</translation>
    </message>
    <message>
        <source>Choisir le fichier</source>
        <translation>Choisir le fichier</translation>
    </message>
    <message>
        <source>Certificats PKCS#12 (*.p12 *.pfx)</source>
        <translation>Certificats PKCS#12 (*.p12 *.pfx)</translation>
    </message>
    <message>
        <source>Autorités de certification (*.pem *.crt)</source>
        <translation>Autorités de certification (*.pem *.crt)</translation>
    </message>
    <message>
        <source>Fixé par la configuration (section [rules])</source>
        <translation>Fixé par la configuration (section [rules])</translation>
    </message>
</context>
</TS>

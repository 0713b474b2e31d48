# Les messages des sites, en français.

lang-name-en = English
lang-name-fr = Français
lang-name-ar = العربية
skip-to-content = Aller au contenu
nav-languages = Langue
price = { $amount } { $currency }
duration-minutes = { $minutes } min
home-link = Accueil

home-services = Prestations
home-other-services = Autres prestations
home-no-services = Rien ne peut encore être réservé en ligne.
home-book = Réserver
home-contact = Contact
home-phone = Téléphone
home-email = E-mail

book-title = Réserver : { $service }
book-staff-label = Avec
book-staff-anyone = La première personne disponible
book-staff-show = Voir les horaires
book-dates = Choisissez un jour
book-day-full = Complet
book-earlier = Jours précédents
book-later = Jours suivants
book-times = Horaires libres le { $date }
book-zone = Les horaires sont donnés dans le fuseau { $zone }.
book-no-times = Aucun horaire libre ce jour-là. Choisissez un autre jour.
book-slot-taken = Désolé, quelqu’un vient de réserver cet horaire. Voici les horaires encore libres.
book-form-title = Vos coordonnées
book-chosen = { $date } à { $time }
book-change-time = Choisir un autre horaire
book-errors-intro = Vérifiez les champs signalés ci-dessous.
book-too-many = Vous avez déjà autant de réservations à venir qu’une personne peut en faire en ligne ici. Annulez-en une ou contactez l’établissement.
book-rate-limited = Trop de réservations depuis cet endroit. Réessayez dans quelques minutes.
book-submit = Confirmer la réservation

field-name = Nom
field-email = E-mail
field-phone = Téléphone (facultatif)
field-phone-hint = Avec l’indicatif du pays, par exemple +33 6 12 34 56 78.
field-notes = Remarques (facultatif)
field-marketing = Recevoir les nouvelles et les offres de { $business }
field-reason = Motif (facultatif)
error-field-name = Indiquez votre nom.
error-field-email = Indiquez une adresse e-mail valide.
error-field-phone = Indiquez le numéro avec l’indicatif du pays, par exemple +33 6 12 34 56 78.
error-field-notes = Les remarques font au plus 2000 caractères.
error-field-reason = Le motif fait au plus 500 caractères.

confirm-title = Votre réservation est confirmée
confirm-mail-sent = Nous vous avons envoyé les détails par e-mail.
confirm-requested-title = Consultez vos e-mails
confirm-requested-text = Nous vous avons envoyé un e-mail. Ouvrez son lien pour confirmer la réservation ; d’ici là, l’horaire ne vous est pas réservé.
confirm-ics = Ajouter à l’agenda
confirm-manage = Voir ou annuler cette réservation
confirm-manage-hint = Gardez ce lien : il permet de voir ou d’annuler la réservation.
detail-service = Prestation
detail-with = Avec
detail-date = Date
detail-time = Heure
detail-status = État
detail-time-range = de { $start } à { $end }

status-awaiting_confirmation = En attente de votre confirmation par e-mail
status-pending = En attente
status-confirmed = Confirmée
status-cancelled = Annulée
status-completed = Terminée
status-no_show = Absence

manage-title = Votre réservation
manage-cancel-title = Annuler cette réservation
manage-cancel-until = Vous pouvez annuler en ligne jusqu’au { $deadline }.
manage-cancel-submit = Annuler la réservation
manage-cancelled = Votre réservation est annulée. Nous vous avons envoyé un e-mail.
manage-cannot-change = Cette réservation ne peut plus être modifiée en ligne. Contactez l’établissement.
manage-book-again = Réserver à nouveau

error-home = Retour à l’accueil
error-not-found-title = Page introuvable
error-not-found-text = Il n’y a rien à cette adresse. Vérifiez le lien, ou repartez de l’accueil.
error-forbidden-title = Non autorisé
error-forbidden-text = Cette demande a été refusée. Si vous envoyiez un formulaire, rechargez la page et réessayez.
error-conflict-title = Cela n’a pas fonctionné
error-conflict-text = La situation a changé entre-temps. Rechargez la page et réessayez.
error-busy-title = Trop de demandes
error-busy-text = Patientez quelques minutes, puis réessayez.
error-bad-request-title = Cette demande est incorrecte
error-bad-request-text = Vérifiez le lien ou le formulaire, puis réessayez.
error-server-title = Un problème est survenu
error-server-text = Désolé, cela n’a pas pu être fait. Réessayez dans un instant.

platform-title = La réservation en ligne pour cliniques, salons et boutiques
platform-text = Chaque établissement sur { $platform } a son propre site de réservation, à sa propre adresse, en français, en anglais et en arabe. Les clients choisissent une prestation et un horaire, et reçoivent leur confirmation par e-mail.
platform-find = Pour réserver, ouvrez le site de l’établissement qui vous intéresse.

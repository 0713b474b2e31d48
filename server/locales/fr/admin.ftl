# L'espace de gestion : son menu et ce que ses formulaires partagent.
admin-nav-label = Espace de gestion
admin-nav-calendar = Agenda
admin-nav-services = Prestations
admin-nav-staff = Équipe
admin-nav-customers = Clients
admin-nav-settings = Réglages
admin-nav-branding = Apparence
admin-nav-webhooks = Webhooks
admin-save = Enregistrer
admin-saved = Enregistré.
admin-delete = Supprimer
admin-edit = Modifier
admin-add = Ajouter
field-error-general = Vérifiez cette valeur.
problem-general = Refusé : { $detail }

# The back office: its menu and what its forms share.
admin-nav-label = Back office
admin-nav-calendar = Calendar
admin-nav-services = Services
admin-nav-staff = Staff
admin-nav-customers = Customers
admin-nav-settings = Settings
admin-nav-branding = Branding
admin-nav-webhooks = Webhooks
admin-save = Save
admin-saved = Saved.
admin-delete = Delete
admin-edit = Edit
admin-add = Add
field-error-general = Check this value.
problem-general = This was refused: { $detail }

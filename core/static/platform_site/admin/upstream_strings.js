// Never loaded: lists wagtail-localize's JavaScript strings that our djangojs catalogue
// translates better (see core/upstream_strings.py), so makemessages keeps them.
// "Publish in " is followed directly by the language name ("Publicera påEnglish").
gettext("Publish in ");

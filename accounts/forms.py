from django import forms
from django.utils.translation import gettext_lazy as _

from lib.forms import StyledForm


class LoginForm(StyledForm):
    username = forms.CharField(
        label=_("Username"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "username"})
    )
    password = forms.CharField(
        label=_("Password"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "current-password"})
    )


class VillageImportForm(StyledForm):
    file = forms.FileField(label=_("File (.csv or .xlsx)"), widget=forms.FileInput(attrs={"accept": ".csv,.xlsx"}))
    skip_bad_rows = forms.BooleanField(label=_("If some rows are bad, import the good rows anyway"), required=False)
    dry_run = forms.BooleanField(label=_("Only check the file, import nothing"), required=False, initial=True)

    def clean_file(self):  # type: ignore[no-untyped-def]
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".csv", ".xlsx")):
            raise forms.ValidationError(_("Only .csv and .xlsx files can be imported."))
        if upload.size > 5 * 1024 * 1024:
            raise forms.ValidationError(_("The file is larger than 5 MB."))
        return upload

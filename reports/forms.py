from django.utils.translation import gettext_lazy as _

from lib.forms import StyledForm, date_field


class WeekForm(StyledForm):
    start = date_field(_("From"))
    end = date_field(_("To"))

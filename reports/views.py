import csv

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from network.access import role_required
from network.exports import csv_cell

from . import selectors

FOR_COORDINATOR = gettext_lazy("This page is for the network's coordinator.")


def _context(year: int) -> dict:
    report = selectors.yearly_report(year=year)
    return {
        "report": report,
        "tables": [
            (_("Activities per category"), report.by_category, _("Category")),
            (_("Activities per municipality"), report.by_municipality, _("Municipality")),
        ],
        "reach": selectors.reach_figures(report),
        "retention": [(selectors.after_years(years), value) for years, value in report.retention],
        "years": range(timezone.localdate().year, selectors.FIRST_YEAR - 1, -1)[:15],
        "today": timezone.localdate(),
    }


def _check_year(year: int) -> None:
    if selectors.report_year(year) != year:
        raise Http404


@role_required(lambda roles: roles.coordinator, FOR_COORDINATOR)
def yearly(request):
    year = selectors.report_year(request.GET.get("year"))
    return render(request, "reports/yearly.html", _context(year))


@role_required(lambda roles: roles.coordinator, FOR_COORDINATOR)
def yearly_csv(request, year: int):
    _check_year(year)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="yearly-report-{year}-{get_language()}.csv"'
    writer = csv.writer(response)
    for row in selectors.report_rows(selectors.yearly_report(year=year)):
        writer.writerow([csv_cell(cell) for cell in row])
    return response


@role_required(lambda roles: roles.coordinator, FOR_COORDINATOR)
def yearly_pdf(request, year: int):
    from weasyprint import HTML

    _check_year(year)
    html = render_to_string("reports/yearly_pdf.html", _context(year), request=request)
    # No base_url: the PDF has no external resources, so nothing is fetched over the network.
    response = HttpResponse(HTML(string=html).write_pdf(), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="yearly-report-{year}-{get_language()}.pdf"'
    response["X-Content-Type-Options"] = "nosniff"
    return response

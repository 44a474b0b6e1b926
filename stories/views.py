"""The public stories pages, the author's own stories and the digest's unsubscribe link."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from network.access import role_required
from network.uploads import serve_upload

from . import digest, selectors, services
from .forms import StoryForm

FOR_HOUSEHOLDS = gettext_lazy("Stories are written by newcomers and their partners.")
PAGE_SIZE = 12


def _household(view):
    return role_required(lambda roles: roles.household, FOR_HOUSEHOLDS)(view)


def index(request):
    page = Paginator(selectors.stories_published(), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "stories/index.html", {"page": page, "stories": page.object_list})


def detail(request, pk):
    story = selectors.story_get_viewable(pk=pk, user=request.user)
    if story is None:
        raise Http404
    language = get_language()
    # Written in the other language and not translated yet: the page says so.
    untranslated = story.language != language and not getattr(story, f"body_{language}", "")
    return render(request, "stories/detail.html", {"story": story, "untranslated": untranslated})


def photo(request, pk):
    found = selectors.photo_get_viewable(pk=pk, user=request.user)
    if found is None:
        raise Http404
    return serve_upload(found.image, download_name=f"story-photo-{found.pk}")


@_household
def mine(request):
    return render(request, "stories/mine.html", {"stories": selectors.stories_for_author(user=request.user)})


def _form_page(request, story=None):
    initial = {}
    if story is not None:
        lang = story.language
        initial = {
            "title": getattr(story, f"title_{lang}"),
            "body": getattr(story, f"body_{lang}"),
            "language": lang,
            "consent": story.consent_at is not None,
        }
    else:
        initial = {"language": get_language()}
    post = request.method == "POST"
    form = StoryForm(
        request.POST if post else None,
        request.FILES if post else None,
        initial=initial,
        existing_photos=list(story.photos.all()) if story else [],
    )
    if post and form.is_valid():
        data = form.cleaned_data
        try:
            saved = services.story_save(
                user=request.user,
                story_id=story.pk if story else None,
                title=data["title"],
                body=data["body"],
                language=data["language"],
                consent=data["consent"],
                submit="submit" in request.POST,
                photos=form.photos(),
                remove_photo_ids=form.remove_photo_ids(),
            )
        except services.StoryError as error:
            form.add_error(None, error.message)
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            if saved.status == saved.Status.SUBMITTED:
                messages.success(
                    request, _("Thank you! The coordinator will read your story before it is published.")
                )
            else:
                messages.success(request, _("Your draft has been saved."))
            return redirect("stories:mine")
    return render(request, "stories/form.html", {"form": form, "story": story})


@_household
def create(request):
    return _form_page(request)


@_household
def edit(request, pk):
    story = selectors.story_get_for_author(pk=pk, user=request.user)
    if story is None:
        raise Http404
    if story.is_published:
        messages.info(request, _("A published story cannot be changed. Unpublish it first."))
        return redirect("stories:mine")
    return _form_page(request, story)


@require_POST
@_household
def unpublish(request, pk):
    if services.story_unpublish(user=request.user, story_id=pk):
        messages.success(request, _("Your story has been taken off the website."))
    return redirect("stories:mine")


@require_POST
@_household
def withdraw(request, pk):
    if services.story_withdraw(user=request.user, story_id=pk):
        messages.success(request, _("Your story and its photos have been deleted."))
    return redirect("stories:mine")


# The link in the digest and its List-Unsubscribe header: no login. A GET only asks (link scanners
# follow links); a POST stops the digest, and needs no CSRF token because mail programs send the
# one-click POST of RFC 8058 without cookies: the signed token is what authorises it.
@csrf_exempt
def digest_stop(request, token):
    try:
        profile = digest.profile_from_unsubscribe_token(token=token)
    except digest.InvitationError as error:
        return render(request, "stories/digest_stop.html", {"reason": error.message}, status=404)
    if request.method == "POST":
        digest.weekly_digest_stop(profile=profile)
        return render(request, "stories/digest_stop.html", {"done": True})
    return render(request, "stories/digest_stop.html", {})

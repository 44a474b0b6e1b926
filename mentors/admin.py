from django.contrib import admin

from .models import FollowUp, Match, MentorRequest, Volunteer, VolunteerMessage

admin.site.register(Volunteer)
admin.site.register(MentorRequest)
admin.site.register(Match)
admin.site.register(FollowUp)
admin.site.register(VolunteerMessage)

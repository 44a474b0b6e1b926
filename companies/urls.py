app_name = "companies"

urlpatterns: list = []

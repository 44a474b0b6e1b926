app_name = "newcomers"

urlpatterns: list = []

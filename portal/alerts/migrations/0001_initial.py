"""The subscriptions, and the group ``alerts`` that may subscribe."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

GROUP = "alerts"


def create_group(apps, schema_editor):
    Group = apps.get_model("groups", "Group")
    Group.objects.get_or_create(name=GROUP, defaults={
        "description": "May subscribe to the e-mail summaries of analysed "
                       "neutrino alerts (/alerts/subscription/)."})


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ("groups", "0002_refuse_cycles"),
    ]

    operations = [
        migrations.CreateModel(
            name="Subscription",
            fields=[
                ("id", models.BigAutoField(auto_created=True,
                                           primary_key=True, serialize=False,
                                           verbose_name="ID")),
                ("created", models.DateTimeField(
                    default=django.utils.timezone.now, editable=False)),
                ("user", models.OneToOneField(
                    on_delete=django.db.models.deletion.CASCADE,
                    related_name="alert_subscription",
                    to=settings.AUTH_USER_MODEL)),
            ],
        ),
        migrations.RunPython(create_group, migrations.RunPython.noop),
    ]

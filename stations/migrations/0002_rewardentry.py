from django.conf import settings
from django.db import migrations, models
import django.db.models.deletion


class Migration(migrations.Migration):

    dependencies = [
        ('stations', '0001_initial'),
        ('qa', '0001_initial'),
    ]

    operations = [
        migrations.CreateModel(
            name='RewardEntry',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('online', 'Problem solved online (Art. 15)'), ('on_site', 'Problem solved on site (Art. 16)'), ('fair', 'Problem solved at the matchmaking fair (Art. 17)'), ('excellent', 'Year-end excellent expert (Art. 18)')], max_length=20, verbose_name='kind')),
                ('amount', models.DecimalField(decimal_places=2, max_digits=10, verbose_name='amount (yuan)')),
                ('event_date', models.DateField(verbose_name='event date')),
                ('status', models.CharField(choices=[('pending', 'Pending approval'), ('approved', 'Approved'), ('paid', 'Paid'), ('rejected', 'Rejected')], default='pending', max_length=10, verbose_name='status')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='recorded at')),
                ('decided_at', models.DateTimeField(blank=True, null=True, verbose_name='decided at')),
                ('decided_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='decided by')),
                ('expert', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='reward_entries', to='stations.expertprofile', verbose_name='expert')),
                ('problem', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='reward_entries', to='qa.problem', verbose_name='problem')),
                ('rule', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, to='stations.rewardrule', verbose_name='rule applied')),
            ],
            options={
                'verbose_name': 'reward entry',
                'verbose_name_plural': 'reward ledger',
                'ordering': ['-event_date', '-pk'],
                'constraints': [models.UniqueConstraint(fields=('expert', 'kind', 'problem'), name='reward_entry_once_per_problem')],
            },
        ),
    ]

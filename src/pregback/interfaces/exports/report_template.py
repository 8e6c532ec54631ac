"""The HTML of the midwife report (a Jinja2 template, autoescaped), kept as a module so that it ships
with the package. Owns: the report's layout and print styles. Never: scripts or remote resources.
"""

from __future__ import annotations

TEMPLATE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Your back pain in pregnancy: a summary for your midwife ({{ d.generated.strftime('%d %B %Y') }})</title>
<style>
  @page { size: A4; margin: 13mm 14mm; }
  body { font-family: "DejaVu Sans", "Helvetica", "Arial", sans-serif; font-size: 9.5pt; line-height: 1.35; color: #111; max-width: 190mm; margin: 0 auto; }
  h1 { font-size: 14pt; margin: 0 0 2pt; }
  h2 { font-size: 11pt; margin: 9pt 0 3pt; border-bottom: 1px solid #999; padding-bottom: 1pt; }
  p, ul { margin: 2pt 0; }
  ul { padding-left: 14pt; }
  .meta { color: #333; }
  .level { display: inline-block; color: #fff; font-weight: bold; padding: 1pt 6pt; border-radius: 3pt; }
  .action { font-weight: bold; }
  .src { color: #444; font-size: 8.5pt; }
  .note { color: #333; }
  table { border-collapse: collapse; font-size: 8.5pt; }
  th, td { text-align: left; padding: 1pt 8pt 1pt 0; }
  th { border-bottom: 1px solid #999; }
  .cols { display: flex; gap: 16pt; }
  .cols > div { flex: 1; }
  svg { max-height: 62mm; }
  .foot { margin-top: 10pt; font-size: 8pt; color: #444; }
</style>
</head>
<body>
<h1>Your back pain in pregnancy: a summary for your midwife</h1>
<p class="meta">
  {% if d.shown_name %}{{ d.shown_name }} · {% endif %}written {{ d.generated.strftime('%d %B %Y, %H:%M') }} ·
  {% if d.after_birth %}<strong>after the birth</strong> (no week of pregnancy){% elif d.week %}<strong>week {{ d.week[0] }}+{{ d.week[1] }}</strong> (due {{ d.due_date.strftime('%d %B %Y') }}){% else %}week of pregnancy not given{% endif %}
</p>

<h2>Your risk profile</h2>
{% if d.facts %}
<table class="facts">
{% for label, answer in d.facts %}
  <tr><td>{{ label }}</td><td><strong>{{ answer }}</strong></td></tr>
{% endfor %}
</table>
{% else %}
<p>The questions of your risk profile have not been answered yet.</p>
{% endif %}
{% if d.not_said %}<p class="meta">Not said: {{ d.not_said | join('; ') }}.</p>{% endif %}

<h2>Latest assessment</h2>
{% set a = d.assessment %}
<p>
  <span class="level" style="background: {{ level_colour[a.urgency] }}">{{ a.label }}</span>
  <span class="action">{{ a.action }}</span>
</p>
<p class="meta">{% if d.assessment_computed %}Worked out for this report from your profile and diary (no assessment saved yet){% else %}Assessed {{ d.assessment_at.strftime('%d %B %Y, %H:%M') }}{% endif %} · knowledge base {{ a.knowledge_version }}</p>
{% if a.rules %}
<p><strong>Why</strong></p>
<ul>
{% for r in a.rules %}
  <li><strong>{{ r.title }}</strong> ({{ r.id }}, {{ r.urgency.replace('_', ' ') }}): {{ r.reason }} <span class="src">Sources: {{ r.sources | join(', ') }}</span></li>
{% endfor %}
</ul>
{% else %}
<p>No rule for a higher level was met.</p>
{% endif %}
{% if a.causes %}
<p><strong>What may be going on</strong> (most likely first; not a diagnosis): {% for c in a.causes[:3] %}{{ c.name }}{{ ", " if not loop.last }}{% endfor %}.</p>
{% endif %}
{% for n in a.notes %}<p class="note">{{ n }}</p>{% endfor %}

<h2>Pain over time</h2>
{{ d.chart }}
<p>
{% if d.entry_count %}{{ d.entry_count }} diary entr{{ "y" if d.entry_count == 1 else "ies" }} since {{ d.first_entry.strftime('%d %B %Y') }}; the latest pain {{ d.latest_pain }}/10.{% else %}No diary entries yet.{% endif %}
</p>
{% for n in d.history_notes if n not in a.notes %}<p class="note">{{ n }}</p>{% endfor %}

<div class="cols">
<div>
<h2>Recent timed waves</h2>
{% if d.waves %}
{% set t = d.wave_summary %}
<p>{{ t.count }} waves{% if t.current_interval_min is not none %}, every {{ t.current_interval_min | interval }}{% endif %}{% if t.wave_duration_s is not none %}, lasting {{ t.wave_duration_s | duration }}{% endif %}; {{ t.waves_last_hour }} in the last hour of timing{% if t.regular is not none %}; {{ "regular" if t.regular else "irregular" }}{% endif %}.</p>
<table>
<tr><th>started</th><th>length</th><th>interval (start to start)</th></tr>
{% for w in d.waves %}<tr><td>{{ w.start }}</td><td>{{ w.length }}</td><td>{{ w.interval }}</td></tr>
{% endfor %}
</table>
{% else %}
<p>No waves timed.</p>
{% endif %}
</div>
<div>
<h2>Self-care you have tried</h2>
{% if d.tried %}
<ul>{% for text, n in d.tried %}<li>{{ text }}{% if n > 1 %} ({{ n }} times){% endif %}</li>{% endfor %}</ul>
{% else %}
<p>Nothing recorded in the diary yet.</p>
{% endif %}
</div>
</div>

{% if d.sources %}
<h2>Sources</h2>
<ul class="src">{% for s in d.sources %}<li>[{{ s.ids | join(", ") }}] {% if s.url %}<a href="{{ s.url }}">{{ s.label }}</a>{% else %}{{ s.label }}{% endif %} ({{ s.kind }}){% if s.url %}: {{ s.url }}{% endif %}</li>{% endfor %}</ul>
{% endif %}
<p class="foot">{{ a.disclaimer }} Made by pregback from your own records.</p>
</body>
</html>
"""

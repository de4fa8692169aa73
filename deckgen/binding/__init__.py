"""Bound text: outline strings that are templates over the data (``{{ ... }}``).

``bind_outline`` renders every template in a validated outline through Jinja2's sandbox,
with the data sources as tables and a set of number filters, and returns the outline with
plain text in their place, plus a record of what each template read (for the manifest and
the change report). Nothing after this stage sees a template.
"""

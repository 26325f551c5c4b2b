"""What the API gives for an indicator and a value: plain fields, codes for related rows."""

from rest_framework import serializers

from indicators.models import Indicator, IndicatorValue


class IndicatorSerializer(serializers.ModelSerializer):
    primary_outcome = serializers.CharField(source="primary_outcome.code", read_only=True)
    lead_organisation = serializers.CharField(source="lead_organisation.short_name", read_only=True)

    class Meta:
        model = Indicator
        fields = [
            "code",
            "slug",
            "title",
            "kind",
            "unit",
            "rate_per",
            "decimal_places",
            "polarity",
            "frequency",
            "accumulation",
            "primary_outcome",
            "lead_organisation",
        ]
        read_only_fields = fields


class IndicatorValueSerializer(serializers.ModelSerializer):
    indicator = serializers.CharField(source="indicator.code", read_only=True)
    area = serializers.CharField(source="area.code", read_only=True)
    period = serializers.CharField(source="period.code", read_only=True)

    class Meta:
        model = IndicatorValue
        fields = [
            "indicator",
            "area",
            "period",
            "value",
            "numerator",
            "denominator",
            "status",
            "note",
            "is_approved",
        ]
        read_only_fields = fields


class ValueInSerializer(serializers.Serializer):
    """One value posted (documentation only: the import checks them)."""

    indicator = serializers.CharField(help_text="An indicator code, such as NI 116.")
    area = serializers.CharField(help_text="An area code (or a name that is unique).")
    period = serializers.CharField(help_text="A period, such as 2025-26-Q2.")
    value = serializers.DecimalField(max_digits=20, decimal_places=6)
    numerator = serializers.DecimalField(max_digits=20, decimal_places=6, required=False)
    denominator = serializers.DecimalField(max_digits=20, decimal_places=6, required=False)
    status = serializers.ChoiceField(["provisional", "final", "estimated"], required=False)
    note = serializers.CharField(required=False)
    source = serializers.CharField(required=False)


class ProblemSerializer(serializers.Serializer):
    row = serializers.IntegerField(help_text="The value's place (1: the first); 0: all.")
    column = serializers.CharField()
    message = serializers.CharField()
    text = serializers.CharField(help_text="The row, the column and the message together.")


class PostedSerializer(serializers.Serializer):
    """What a post of values did (documentation only)."""

    detail = serializers.CharField()
    # The value import recorded (seen on /data/imports/).
    import_ = serializers.IntegerField(required=False)
    added = serializers.IntegerField(required=False)
    changed = serializers.IntegerField(required=False)
    unchanged = serializers.IntegerField(required=False)
    # Absent when the body could not be read at all (DRF's own "JSON parse error - ...").
    problems = ProblemSerializer(many=True, required=False)

    def get_fields(self):
        fields = super().get_fields()
        fields["import"] = fields.pop("import_")
        return fields

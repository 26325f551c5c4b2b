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

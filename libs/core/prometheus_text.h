#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/metrics.h"

namespace verkosto::metrics {

// The Prometheus text exposition format, version 0.0.4 — the one writer of
// GET /metrics (no client library: Debian packages none for C++).
// https://prometheus.io/docs/instrumenting/exposition_formats/

inline constexpr std::string_view kPrometheusContentType =
    "text/plain; version=0.0.4; charset=utf-8";

enum class MetricType { kCounter, kGauge, kHistogram };

struct Label {
  std::string name;
  std::string value;
};

// One sample of a counter or gauge.
struct Sample {
  std::vector<Label> labels;
  double value = 0;
};

// One labelled histogram; its bucket samples get `le` after `labels`.
struct HistogramSample {
  std::vector<Label> labels;
  HistogramSnapshot histogram;
};

// A metric and its samples: `samples` for a counter or gauge, `histograms`
// for a histogram. A counter's name ends in "_total" (its samples carry the
// family's name, as the format's TYPE line must).
struct Family {
  std::string name;
  std::string help;
  MetricType type = MetricType::kGauge;
  std::vector<Sample> samples;
  std::vector<HistogramSample> histograms;
};

// The text of `families`: per family one `# HELP` and one `# TYPE` line, then
// its samples (a histogram's as NAME_bucket{…,le="…"} cumulative and ending
// with le="+Inf", NAME_sum, NAME_count), every line ending in "\n". Families
// of the same name are written as one, in the order first seen, with the
// first one's help and type (a later one of another type is left out). A
// family whose name, or a sample whose label name, the format does not allow
// is left out; label values and help text are escaped (EscapeLabelValue,
// EscapeHelp). A family without samples gets its HELP and TYPE only.
std::string WritePrometheusText(const std::vector<Family>& families);

// [a-zA-Z_:][a-zA-Z0-9_:]*
bool IsValidMetricName(std::string_view name);
// [a-zA-Z_][a-zA-Z0-9_]*, not starting with "__" (reserved) and not "le".
bool IsValidLabelName(std::string_view name);
// Backslash, double quote and line feed as \\, \" and \n.
std::string EscapeLabelValue(std::string_view value);
// Backslash and line feed as \\ and \n.
std::string EscapeHelp(std::string_view help);
// A sample value: whole numbers without a fraction ("3"), others in the
// shortest form that reads back the same ("0.0025"), "+Inf", "-Inf", "NaN".
std::string FormatValue(double value);

}  // namespace verkosto::metrics

#include "core/prometheus_text.h"

#include <charconv>
#include <cmath>
#include <cstdint>
#include <map>

namespace verkosto::metrics {

namespace {

bool IsNameStart(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool IsNameChar(char c) { return IsNameStart(c) || (c >= '0' && c <= '9'); }

std::string_view TypeName(MetricType type) {
  switch (type) {
    case MetricType::kCounter:
      return "counter";
    case MetricType::kGauge:
      return "gauge";
    case MetricType::kHistogram:
      return "histogram";
  }
  return "untyped";
}

bool ValidLabels(const std::vector<Label>& labels) {
  for (const Label& label : labels) {
    if (!IsValidLabelName(label.name)) return false;
  }
  return true;
}

// NAME{a="x",b="y"} VALUE — `extra` (le) after `labels`.
void WriteSample(std::string& out, std::string_view name, const std::vector<Label>& labels,
                 const Label* extra, double value) {
  out += name;
  if (!labels.empty() || extra != nullptr) {
    out += '{';
    bool first = true;
    const auto write = [&](const Label& label) {
      if (!first) out += ',';
      first = false;
      out += label.name;
      out += "=\"";
      out += EscapeLabelValue(label.value);
      out += '"';
    };
    for (const Label& label : labels) write(label);
    if (extra != nullptr) write(*extra);
    out += '}';
  }
  out += ' ';
  out += FormatValue(value);
  out += '\n';
}

void WriteHistogram(std::string& out, const std::string& name, const HistogramSample& sample) {
  const HistogramSnapshot& h = sample.histogram;
  const std::string bucket = name + "_bucket";
  for (size_t i = 0; i < h.bounds.size() && i < h.cumulative.size(); ++i) {
    const Label le{"le", FormatValue(h.bounds[i])};
    WriteSample(out, bucket, sample.labels, &le, static_cast<double>(h.cumulative[i]));
  }
  const Label inf{"le", "+Inf"};
  WriteSample(out, bucket, sample.labels, &inf, static_cast<double>(h.count));
  WriteSample(out, name + "_sum", sample.labels, nullptr, h.sum);
  WriteSample(out, name + "_count", sample.labels, nullptr, static_cast<double>(h.count));
}

}  // namespace

bool IsValidMetricName(std::string_view name) {
  if (name.empty() || !(IsNameStart(name[0]) || name[0] == ':')) return false;
  for (const char c : name) {
    if (!IsNameChar(c) && c != ':') return false;
  }
  return true;
}

bool IsValidLabelName(std::string_view name) {
  if (name.empty() || !IsNameStart(name[0]) || name.rfind("__", 0) == 0 || name == "le") {
    return false;
  }
  for (const char c : name) {
    if (!IsNameChar(c)) return false;
  }
  return true;
}

std::string EscapeLabelValue(std::string_view value) {
  std::string out;
  out.reserve(value.size());
  for (const char c : value) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '"') {
      out += "\\\"";
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
  return out;
}

std::string EscapeHelp(std::string_view help) {
  std::string out;
  out.reserve(help.size());
  for (const char c : help) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
  return out;
}

std::string FormatValue(double value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "+Inf" : "-Inf";
  // Whole numbers up to 2^53 exactly, without exponent or fraction.
  if (std::trunc(value) == value && std::fabs(value) < 9007199254740992.0) {
    return std::to_string(static_cast<int64_t>(value));
  }
  char buffer[32];
  const auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, value);
  if (error != std::errc()) return "NaN";
  return std::string(buffer, end);
}

std::string WritePrometheusText(const std::vector<Family>& families) {
  // Families merged by name, in the order first seen.
  std::vector<std::string> order;
  std::map<std::string, Family> merged;
  for (const Family& family : families) {
    if (!IsValidMetricName(family.name)) continue;
    auto [it, inserted] = merged.try_emplace(family.name);
    Family& into = it->second;
    if (inserted) {
      order.push_back(family.name);
      into.name = family.name;
      into.help = family.help;
      into.type = family.type;
    } else if (into.type != family.type) {
      continue;
    }
    for (const Sample& sample : family.samples) {
      if (ValidLabels(sample.labels)) into.samples.push_back(sample);
    }
    for (const HistogramSample& sample : family.histograms) {
      if (ValidLabels(sample.labels)) into.histograms.push_back(sample);
    }
  }
  std::string out;
  for (const std::string& name : order) {
    const Family& family = merged.at(name);
    out += "# HELP " + name + " " + EscapeHelp(family.help) + "\n";
    out += "# TYPE " + name + " ";
    out += TypeName(family.type);
    out += '\n';
    if (family.type == MetricType::kHistogram) {
      for (const HistogramSample& sample : family.histograms) WriteHistogram(out, name, sample);
    } else {
      for (const Sample& sample : family.samples) {
        WriteSample(out, name, sample.labels, nullptr, sample.value);
      }
    }
  }
  return out;
}

}  // namespace verkosto::metrics

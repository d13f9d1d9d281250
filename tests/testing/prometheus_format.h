#pragma once

// A small checker of the Prometheus text exposition format 0.0.4, for tests
// of what GET /metrics writes: every line is a HELP, TYPE or sample line of
// the grammar, every metric has one HELP and one TYPE before its samples, and
// a histogram's buckets are cumulative and end with le="+Inf" equal to _count.

#include <cctype>
#include <limits>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace verkosto::testing {

// One sample line, parsed.
struct PromSample {
  std::string name;
  std::map<std::string, std::string> labels;  // unescaped
  double value = 0;
};

namespace prometheus_detail {

inline bool NameStart(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_'; }
inline bool NameChar(char c) { return NameStart(c) || std::isdigit(static_cast<unsigned char>(c)); }

// [a-zA-Z_:][a-zA-Z0-9_:]* at `pos`; advances past it.
inline std::string MetricName(const std::string& line, size_t& pos) {
  const size_t start = pos;
  while (pos < line.size() && (NameChar(line[pos]) || line[pos] == ':')) ++pos;
  if (pos == start || std::isdigit(static_cast<unsigned char>(line[start]))) return "";
  return line.substr(start, pos - start);
}

// A sample line: NAME[{l="v",…}] VALUE. False when it is not one.
inline bool ParseSample(const std::string& line, PromSample& out, std::string& why) {
  size_t pos = 0;
  out.name = MetricName(line, pos);
  if (out.name.empty()) return why = "no metric name", false;
  if (pos < line.size() && line[pos] == '{') {
    ++pos;
    while (pos < line.size() && line[pos] != '}') {
      const size_t start = pos;
      while (pos < line.size() && NameChar(line[pos])) ++pos;
      if (pos == start || !NameStart(line[start])) return why = "bad label name", false;
      const std::string name = line.substr(start, pos - start);
      if (line.compare(pos, 2, "=\"") != 0) return why = "no =\" after label", false;
      pos += 2;
      std::string value;
      while (pos < line.size() && line[pos] != '"') {
        if (line[pos] == '\\') {
          if (pos + 1 >= line.size()) return why = "dangling escape", false;
          const char next = line[pos + 1];
          if (next != '\\' && next != '"' && next != 'n') return why = "bad escape", false;
          value += next == 'n' ? '\n' : next;
          pos += 2;
        } else {
          value += line[pos++];
        }
      }
      if (pos >= line.size()) return why = "unterminated label value", false;
      ++pos;  // the closing quote
      if (!out.labels.emplace(name, value).second) return why = "label " + name + " twice", false;
      if (pos < line.size() && line[pos] == ',') ++pos;
    }
    if (pos >= line.size()) return why = "unterminated labels", false;
    ++pos;  // }
  }
  if (pos >= line.size() || line[pos] != ' ') return why = "no space before the value", false;
  const std::string value = line.substr(pos + 1);
  if (value == "+Inf") {
    out.value = std::numeric_limits<double>::infinity();
  } else if (value == "-Inf") {
    out.value = -std::numeric_limits<double>::infinity();
  } else if (value == "NaN") {
    out.value = std::numeric_limits<double>::quiet_NaN();
  } else {
    if (value.empty() || value.find_first_not_of("0123456789.-+e") != std::string::npos) {
      return why = "bad value '" + value + "'", false;
    }
    size_t used = 0;
    out.value = std::stod(value, &used);
    if (used != value.size()) return why = "bad value '" + value + "'", false;
  }
  return true;
}

}  // namespace prometheus_detail

// Problems found in `text` (empty when it is well formed); `samples` gets
// every sample line.
inline std::vector<std::string> CheckPrometheusText(const std::string& text,
                                                    std::vector<PromSample>* samples = nullptr) {
  using prometheus_detail::MetricName;
  std::vector<std::string> problems;
  std::map<std::string, int> helps;
  std::map<std::string, std::string> types;
  std::set<std::string> sampled;
  if (!text.empty() && text.back() != '\n') problems.push_back("the text does not end in \\n");
  std::istringstream in(text);
  std::string line;
  int number = 0;
  // Per histogram series (name + labels without le): the last bucket value.
  std::map<std::string, double> last_bucket;
  std::map<std::string, double> inf_bucket;
  while (std::getline(in, line)) {
    ++number;
    const std::string where = "line " + std::to_string(number) + ": ";
    if (line.rfind("# HELP ", 0) == 0 || line.rfind("# TYPE ", 0) == 0) {
      size_t pos = 7;
      const std::string name = MetricName(line, pos);
      if (name.empty() || pos >= line.size() || line[pos] != ' ') {
        problems.push_back(where + "bad HELP/TYPE line: " + line);
        continue;
      }
      if (sampled.count(name) != 0) problems.push_back(where + "HELP/TYPE after samples");
      if (line[2] == 'H') {
        if (++helps[name] > 1) problems.push_back(where + "second HELP of " + name);
      } else {
        const std::string type = line.substr(pos + 1);
        if (type != "counter" && type != "gauge" && type != "histogram" && type != "summary" &&
            type != "untyped") {
          problems.push_back(where + "unknown type " + type);
        }
        if (!types.emplace(name, type).second) problems.push_back(where + "second TYPE of " + name);
      }
      continue;
    }
    PromSample sample;
    std::string why;
    if (!prometheus_detail::ParseSample(line, sample, why)) {
      problems.push_back(where + why + ": " + line);
      continue;
    }
    std::string series_labels;
    for (const auto& [name, value] : sample.labels) {
      if (name != "le") series_labels += name + "=" + value + ",";
    }
    // The family: the name, or a histogram's base name.
    std::string family = sample.name;
    for (const std::string& suffix :
         {std::string("_bucket"), std::string("_sum"), std::string("_count")}) {
      if (types.count(family) == 0 && family.size() > suffix.size() &&
          family.compare(family.size() - suffix.size(), suffix.size(), suffix) == 0) {
        const std::string base = family.substr(0, family.size() - suffix.size());
        if (types.count(base) != 0 && types[base] == "histogram") family = base;
      }
    }
    if (types.count(family) == 0) problems.push_back(where + "no TYPE before " + sample.name);
    if (helps.count(family) == 0) problems.push_back(where + "no HELP before " + sample.name);
    if (types[family] == "counter" &&
        (family.size() < 6 || family.compare(family.size() - 6, 6, "_total") != 0)) {
      problems.push_back(where + "counter " + family + " does not end in _total");
    }
    sampled.insert(family);
    const std::string series = family + "{" + series_labels + "}";
    if (family != sample.name && sample.name == family + "_bucket") {
      if (sample.labels.count("le") == 0) problems.push_back(where + "bucket without le");
      if (last_bucket.count(series) != 0 && sample.value < last_bucket[series]) {
        problems.push_back(where + "buckets not cumulative");
      }
      last_bucket[series] = sample.value;
      if (sample.labels["le"] == "+Inf") inf_bucket[series] = sample.value;
    }
    if (family != sample.name && sample.name == family + "_count") {
      if (inf_bucket.count(series) == 0) {
        problems.push_back(where + "no le=\"+Inf\" bucket before " + sample.name);
      } else if (inf_bucket[series] != sample.value) {
        problems.push_back(where + "_count differs from the +Inf bucket");
      }
    }
    if (samples != nullptr) samples->push_back(std::move(sample));
  }
  for (const auto& [name, type] : types) {
    if (helps.count(name) == 0) problems.push_back("TYPE without HELP: " + name);
  }
  return problems;
}

}  // namespace verkosto::testing

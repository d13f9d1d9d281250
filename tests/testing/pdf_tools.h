#pragma once

// poppler-utils for tests of PDFs (issue 19, formal letters): pdftotext,
// pdfinfo and pdffonts on bytes, through a file in `dir`.

#include <cstdio>
#include <fstream>
#include <string>

namespace verkosto::testing {

// The standard output of `command` (run by the shell).
inline std::string RunCommand(const std::string& command) {
  std::string out;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return out;
  char buffer[4096];
  size_t n = 0;
  while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0) out.append(buffer, n);
  pclose(pipe);
  return out;
}

// Writes `pdf` to dir/name and returns the path.
inline std::string WritePdf(const std::string& dir, const std::string& name,
                            const std::string& pdf) {
  const std::string path = dir + "/" + name;
  std::ofstream(path, std::ios::binary) << pdf;
  return path;
}

// `tool` ("pdftotext", "pdfinfo", "pdffonts") on `pdf`; pdftotext keeps the layout.
inline std::string PdfTool(const std::string& tool, const std::string& dir,
                           const std::string& pdf) {
  const std::string path = WritePdf(dir, "probe.pdf", pdf);
  if (tool == "pdftotext") return RunCommand("pdftotext -layout '" + path + "' - 2>&1");
  return RunCommand(tool + " '" + path + "' 2>&1");
}

// The value of `field` ("Pages", "Title", "Page size") in pdfinfo's output,
// without the padding; "" when absent.
inline std::string PdfInfoField(const std::string& info, const std::string& field) {
  const std::string key = field + ":";
  size_t at = info.rfind(key, 0) == 0 ? 0 : info.find("\n" + key);
  if (at == std::string::npos) return {};
  if (at != 0) ++at;
  size_t start = at + key.size();
  while (start < info.size() && info[start] == ' ') ++start;
  const size_t end = info.find('\n', start);
  return info.substr(start, end == std::string::npos ? std::string::npos : end - start);
}

}  // namespace verkosto::testing

#include "storage/query.h"

#include "core/text.h"

namespace verkosto::storage {

void Query::Where(std::string condition, std::vector<Value> values) {
  conditions_.push_back(std::move(condition));
  for (Value& v : values) values_.push_back(std::move(v));
}

Status Query::After(const std::vector<Column>& columns, const page::PageRequest& page,
                    bool descending) {
  if (page.first()) return Status::Ok();
  if (page.after.size() != columns.size()) {
    return Status::InvalidArgument("page_token", "belongs to another list");
  }
  std::vector<std::string> names;
  std::vector<std::string> marks;
  std::vector<Value> values;
  for (size_t i = 0; i < columns.size(); ++i) {
    names.push_back(columns[i].name);
    marks.emplace_back("?");
    if (columns[i].type == Key::kInteger) {
      int64_t value = 0;
      if (!page::IntegerKey(page.after[i], value)) {
        return Status::InvalidArgument("page_token", "is not a page token of this list");
      }
      values.emplace_back(value);
    } else {
      values.emplace_back(page.after[i]);
    }
  }
  Where("(" + text::Join(names, ", ") + (descending ? ") < (" : ") > (") + text::Join(marks, ", ") +
            ")",
        std::move(values));
  return Status::Ok();
}

std::string Query::Sql() const {
  if (conditions_.empty()) return {};
  return " WHERE " + text::Join(conditions_, " AND ");
}

std::string Query::OrderLimit(const std::vector<Column>& columns, const page::PageRequest& page,
                              bool descending) {
  std::vector<std::string> order;
  order.reserve(columns.size());
  for (const Column& c : columns) order.push_back(descending ? c.name + " DESC" : c.name);
  return " ORDER BY " + text::Join(order, ", ") + " LIMIT " + std::to_string(page.fetch());
}

int Query::Bind(SQLite::Statement& statement, int first) const {
  int index = first;
  for (const Value& v : values_) {
    if (const auto* s = std::get_if<std::string>(&v)) {
      statement.bind(index++, *s);
    } else {
      statement.bind(index++, std::get<int64_t>(v));
    }
  }
  return index;
}

}  // namespace verkosto::storage

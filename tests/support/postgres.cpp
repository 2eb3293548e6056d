#include "postgres.h"

#include <atomic>
#include <cstdlib>
#include <fstream>
#include <libpq-fe.h>
#include <map>
#include <memory>
#include <mutex>
#include <sqlite3.h>
#include <stdexcept>
#include <unistd.h>

namespace missive::test
{

bool usingPostgres()
{
    const char* state = std::getenv("MISSIVE_TEST_POSTGRES");
    return state && *state;
}

std::string postgresSocketDir()
{
    const char* state = std::getenv("MISSIVE_TEST_POSTGRES");
    if (!state) {
        throw std::runtime_error("MISSIVE_TEST_POSTGRES is not set");
    }
    std::ifstream in(state);
    std::string dir;
    std::getline(in, dir);
    if (dir.empty()) {
        throw std::runtime_error(std::string("no PostgreSQL cluster state in ") + state);
    }
    return dir;
}

std::string postgresExec(const std::string& sql, const std::string& database)
{
    const std::string conninfo = "host=" + postgresSocketDir()
                                 + " user=postgres dbname=" + (database.empty() ? std::string("postgres") : database);
    std::unique_ptr<PGconn, decltype(&PQfinish)> conn(PQconnectdb(conninfo.c_str()), &PQfinish);
    if (PQstatus(conn.get()) != CONNECTION_OK) {
        throw std::runtime_error(std::string("postgres: ") + PQerrorMessage(conn.get()));
    }
    std::unique_ptr<PGresult, decltype(&PQclear)> result(PQexec(conn.get(), sql.c_str()), &PQclear);
    const auto status = PQresultStatus(result.get());
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
        throw std::runtime_error(std::string("postgres: ") + PQresultErrorMessage(result.get()));
    }
    return status == PGRES_TUPLES_OK && PQntuples(result.get()) > 0 ? PQgetvalue(result.get(), 0, 0) : "";
}

std::string freshPostgresDatabase()
{
    static std::atomic<int> counter{0};
    const std::string name = "t" + std::to_string(::getpid()) + "_" + std::to_string(++counter);
    postgresExec("CREATE DATABASE " + name);
    return "postgresql:///" + name + "?host=" + postgresSocketDir() + "&user=postgres";
}

std::string storage(const std::filesystem::path& file)
{
    if (!usingPostgres()) {
        return file.string();
    }
    static std::mutex mutex;
    static std::map<std::string, std::string> databases;
    std::lock_guard lock(mutex);
    auto& url = databases[std::filesystem::absolute(file).lexically_normal().string()];
    if (url.empty()) {
        url = freshPostgresDatabase();
    }
    return url;
}

std::string outboxSection(const std::filesystem::path& file)
{
    return (usingPostgres() ? "[storage]\nurl = " : "[outbox]\npath = ") + storage(file) + "\n";
}

std::string storageExec(const std::filesystem::path& file, const std::string& sql)
{
    const std::string location = storage(file);
    if (usingPostgres()) {
        // postgresql:///NAME?host=…
        const auto start = location.find(":///") + 4;
        return postgresExec(sql, location.substr(start, location.find('?') - start));
    }
    sqlite3* raw = nullptr;
    std::unique_ptr<sqlite3, decltype(&sqlite3_close)> db(nullptr, &sqlite3_close);
    if (sqlite3_open_v2(location.c_str(), &raw, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
        sqlite3_close(raw);
        throw std::runtime_error("sqlite: cannot open " + location);
    }
    db.reset(raw);
    sqlite3_busy_timeout(raw, 5000);
    std::string first;
    char* error = nullptr;
    const auto keep = [](void* out, int columns, char** values, char**) {
        auto& text = *static_cast<std::string*>(out);
        if (text.empty() && columns > 0 && values[0]) {
            text = values[0];
        }
        return 0;
    };
    if (sqlite3_exec(raw, sql.c_str(), keep, &first, &error) != SQLITE_OK) {
        const std::string message = error ? error : "error";
        sqlite3_free(error);
        throw std::runtime_error("sqlite: " + message);
    }
    return first;
}

} // namespace missive::test

#include "postgres.h"

#include <atomic>
#include <cstdlib>
#include <fstream>
#include <libpq-fe.h>
#include <memory>
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

} // namespace missive::test

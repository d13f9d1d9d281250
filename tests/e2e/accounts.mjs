// The invented demo accounts `verkosto up` creates with demo data
// (services/gateway/domain/demo_accounts.cpp; README shows how to log in).
export const DEMO_PASSWORD = 'verkosto-demo-2026';

const account = (username, email) => ({ username, password: DEMO_PASSWORD, email });

export const ACCOUNTS = {
  keha: account('keha.koordinaattori', 'kaisa.koordinaattori@keha.example.fi'),
  clerkKainuu: account('kainuu.kirjaamo', 'kirjaamo@kainuu.example.fi'),
  directorKainuu: account('kainuu.johtaja', 'juho.johtaja@kainuu.example.fi'),
  directorHelsinki: account('helsinki.johtaja', 'helka.hallinto@helsinki.example.fi'),
  nominee: account('nelli.nimitetty', 'nelli.nimitetty@kainuu.example.fi'),
  observer: account('tarkkailija', 'olli.observoija@example.fi'),
  admin: account('yllapito', 'yllapito@keha.example.fi'),
};

// The three areas the scenario asks: two Finnish-speaking and the Swedish-speaking one.
export const AREAS = {
  kainuu: 'kainuu-koillismaa',
  helsinki: 'helsinki',
  swedish: 'pohjanmaa',
};

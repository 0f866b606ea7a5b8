import type { Rng } from './random';

// A global company: names from every region Contoso has offices in.
const FIRST_NAMES = [
  'Aaliyah', 'Abdul', 'Adaeze', 'Aditi', 'Adrián', 'Agnieszka', 'Ahmed', 'Aiko', 'Alejandro', 'Alex', 'Amara', 'Amelia',
  'Ana', 'Andrei', 'Anjali', 'Anna', 'Arjun', 'Astrid', 'Ayesha', 'Beatriz', 'Ben', 'Bianca', 'Bongani', 'Camila',
  'Carlos', 'Chen', 'Chloe', 'Chidi', 'Claire', 'Daniel', 'Deepa', 'Diego', 'Dmitri', 'Elena', 'Elif', 'Emeka',
  'Emily', 'Emma', 'Erik', 'Fatima', 'Felipe', 'Finn', 'Freya', 'Gabriel', 'Grace', 'Hana', 'Hannah', 'Haruto',
  'Hiroshi', 'Ibrahim', 'Ines', 'Isabela', 'Ivan', 'Jack', 'Jamal', 'James', 'Javier', 'Jin', 'Joanna', 'João',
  'Jonas', 'Julia', 'Kai', 'Karan', 'Kateryna', 'Kenji', 'Kwame', 'Laila', 'Lars', 'Laura', 'Leila', 'Liam',
  'Lina', 'Lucas', 'Lucía', 'Maja', 'Malik', 'Marco', 'Maria', 'Mateo', 'Maya', 'Mei', 'Mia', 'Michael',
  'Mohammed', 'Nadia', 'Naomi', 'Nathan', 'Neha', 'Nikhil', 'Nina', 'Noah', 'Nour', 'Olivia', 'Omar', 'Oskar',
  'Pablo', 'Patrick', 'Pedro', 'Priya', 'Rafael', 'Rahul', 'Rania', 'Ravi', 'Rhys', 'Rosa', 'Ryan', 'Sakura',
  'Samuel', 'Sara', 'Sean', 'Shreya', 'Siobhan', 'Sofia', 'Sophie', 'Tariq', 'Thomas', 'Tomás', 'Valentina', 'Vikram',
  'Wei', 'William', 'Yara', 'Yusuf', 'Yuki', 'Zainab', 'Zara', 'Zoe',
];

const LAST_NAMES = [
  'Abara', 'Adeyemi', 'Ahmadi', 'Alvarez', 'Andersen', 'Bakker', 'Banerjee', 'Barbosa', 'Becker', 'Bianchi', 'Brennan',
  'Brown', 'Campbell', 'Castillo', 'Chandra', 'Chen', 'Clarke', 'Costa', 'Dasgupta', 'Davies', 'de Vries', 'Dubois',
  'Edwards', 'Eriksson', 'Evans', 'Fernandes', 'Fischer', 'Fitzgerald', 'Fujimoto', 'Garcia', 'Ghosh', 'Gomez', 'Gupta',
  'Haddad', 'Hansen', 'Hernandez', 'Hoffmann', 'Hughes', 'Ibrahim', 'Ito', 'Iyer', 'Jansen', 'Jensen', 'Johnson',
  'Kaur', 'Kelly', 'Khan', 'Kim', 'Kowalski', 'Kumar', 'Larsen', 'Laurent', 'Lewis', 'Li', 'Lindqvist', 'Liu',
  'Lopez', 'MacDonald', 'Mahlangu', 'Martin', 'Martinez', 'Mehta', 'Mendes', 'Meyer', 'Mitchell', 'Moreau', 'Murphy',
  'Nakamura', 'Nguyen', 'Nielsen', 'Novak', 'Nowak', 'Ochieng', 'Okafor', "O'Connor", 'Oliveira', 'Ortiz', 'Park',
  'Patel', 'Pereira', 'Petrov', 'Popescu', 'Quinn', 'Rahman', 'Ramirez', 'Rao', 'Reddy', 'Reyes', 'Richter',
  'Rivera', 'Roberts', 'Rodriguez', 'Rossi', 'Santos', 'Sato', 'Schmidt', 'Schneider', 'Shah', 'Sharma', 'Silva',
  'Singh', 'Smith', 'Sokolova', 'Suzuki', 'Tan', 'Tanaka', 'Taylor', 'Thompson', 'Torres', 'Tran', 'Van Dijk',
  'Varga', 'Wagner', 'Walsh', 'Wang', 'Watanabe', 'Weber', 'Williams', 'Wilson', 'Wong', 'Yamamoto', 'Yilmaz',
  'Zhang', 'Zhou',
];

interface PersonName {
  firstName: string;
  displayName: string;
  email: string;
}

/** `Zoë O'Connor` → `zoe.oconnor`: ASCII, lower-case, no punctuation. */
function emailLocalPart(firstName: string, lastName: string): string {
  const simplify = (part: string) =>
    part
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z]/g, '');
  return `${simplify(firstName)}.${simplify(lastName)}`;
}

const EMAIL_DOMAIN = 'contoso.example';

/** Hands out names whose e-mail addresses are unique, never re-using a reserved one. */
export class NamePool {
  private readonly taken = new Set<string>();

  constructor(
    private readonly rng: Rng,
    reservedEmails: readonly string[],
  ) {
    for (const email of reservedEmails) this.taken.add(email.toLowerCase());
  }

  next(): PersonName {
    for (;;) {
      const firstName = this.rng.pick(FIRST_NAMES);
      const lastName = this.rng.pick(LAST_NAMES);
      const email = `${emailLocalPart(firstName, lastName)}@${EMAIL_DOMAIN}`;
      if (this.taken.has(email)) continue;
      this.taken.add(email);
      return { firstName, displayName: `${firstName} ${lastName}`, email };
    }
  }
}

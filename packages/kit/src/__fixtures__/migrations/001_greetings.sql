CREATE TABLE greetings (id serial PRIMARY KEY, text text NOT NULL);
INSERT INTO greetings (text) VALUES ('안녕하세요'), ('Dzień dobry'), ('Hello');

create sequence Item_SEQ start with 1 increment by 50;
create table Item (id bigint primary key, name varchar(255));
